// encodeAwsQuery and encodeAwsQueryError: a handler's JSON output written as the XML its model
// describes.
#include <cmath>
#include <stdexcept>

#include "emulator/core/json.h"
#include "emulator/core/time_types.h"
#include "emulator/core/xml_text.h"
#include "emulator/protocol/aws_query.h"

namespace stepsim::protocol {
namespace {

using json = stepsim::Json;

HttpResponse xmlResponse(int status, std::string_view requestId, std::string body) {
  HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "text/xml");
  response.headers.emplace_back("x-amzn-RequestId", std::string(requestId));
  response.body = std::move(body);
  return response;
}

std::string element(std::string_view name, std::string_view content) {
  std::string out;
  out.reserve(name.size() * 2 + content.size() + 5);
  out.append("<").append(name).append(">").append(content).append("</").append(name).append(">");
  return out;
}

// Handlers give timestamps as epoch seconds, as for the JSON protocols; XML has ISO 8601.
std::string timestampText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  double seconds = value.is_number() ? value.get<double>() : 0;
  return core::formatIso8601(static_cast<core::TimeMs>(std::llround(seconds * 1000)));
}

std::string scalarText(const Shape& shape, const json& value) {
  if (value.is_string())
    return shape.type == ShapeType::Timestamp ? timestampText(value) : value.get<std::string>();
  if (shape.type == ShapeType::Timestamp) return timestampText(value);
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

std::string content(const Shape& shape, const json& value);

// A member: its element, or for a flattened list one element per item.
void appendMember(std::string& out, const Member& member, const json& value) {
  const Shape& shape = *member.shape;
  if (shape.type == ShapeType::List && (member.flattened || shape.flattened) && value.is_array()) {
    for (const json& item : value)
      out += element(member.locationName, content(*shape.member, item));
    return;
  }
  out += element(member.locationName, content(shape, value));
}

std::string content(const Shape& shape, const json& value) {
  std::string out;
  switch (shape.type) {
    case ShapeType::Structure:
      if (!value.is_object()) return out;
      for (const Member& member : shape.members)
        if (auto it = value.find(member.name); it != value.end() && !it->is_null())
          appendMember(out, member, *it);
      return out;
    case ShapeType::List:
      if (!value.is_array()) return out;
      for (const json& item : value) out += element(shape.memberName, content(*shape.member, item));
      return out;
    case ShapeType::Map:
      if (!value.is_object()) return out;
      for (const auto& [key, item] : value.items())
        out += element("entry", element(shape.keyName, core::xmlEscape(key)) +
                                    element(shape.valueName, content(*shape.value, item)));
      return out;
    default:
      return core::xmlEscape(scalarText(shape, value));
  }
}

}  // namespace

HttpResponse encodeAwsQuery(const AwsQueryService& service, std::string_view operation,
                            const json& output, std::string_view requestId) {
  const Operation* op = service.model->findOperation(operation);
  if (!op)
    throw std::invalid_argument("encodeAwsQuery: unknown operation " + std::string(operation));
  std::string body =
      "<" + op->name + "Response xmlns=\"" + core::xmlEscape(service.model->xmlNamespace()) + "\">";
  if (op->output) {
    std::string result = content(*op->output, output);
    body += op->resultWrapper.empty() ? result : element(op->resultWrapper, result);
  }
  body += element("ResponseMetadata", element("RequestId", core::xmlEscape(requestId)));
  body += "</" + op->name + "Response>";
  return xmlResponse(200, requestId, std::move(body));
}

HttpResponse encodeAwsQueryError(const core::AwsError& error, std::string_view requestId) {
  std::string type = error.httpStatus < 500 ? "Sender" : "Receiver";
  return xmlResponse(
      error.httpStatus, requestId,
      "<ErrorResponse>" +
          element("Error", element("Type", type) + element("Code", core::xmlEscape(error.code)) +
                               element("Message", core::xmlEscape(error.message))) +
          element("RequestId", core::xmlEscape(requestId)) + "</ErrorResponse>");
}

}  // namespace stepsim::protocol
