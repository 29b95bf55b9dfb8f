#include "emulator/protocol/foreign_service_error.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "emulator/core/utf8.h"
#include "emulator/core/xml_text.h"
#include "emulator/protocol/aws_json.h"
#include "emulator/protocol/aws_query.h"
#include "emulator/protocol/rest_json.h"

namespace stepsim::protocol {
namespace {

HttpResponse xmlError(const core::AwsError& error, std::string_view requestId, std::string body) {
  HttpResponse response;
  response.status = error.httpStatus;
  response.headers.emplace_back("Content-Type", "text/xml");
  response.headers.emplace_back("x-amzn-RequestId", std::string(requestId));
  response.body = std::move(body);
  return response;
}

std::string codeAndMessage(const core::AwsError& error) {
  return "<Code>" + core::xmlEscape(error.code) + "</Code><Message>" +
         core::xmlEscape(error.message) + "</Message>";
}

// EC2: <Response><Errors><Error><Code><Message></Error></Errors><RequestID>.
HttpResponse ec2Error(const core::AwsError& error, std::string_view requestId) {
  return xmlError(error, requestId,
                  "<Response><Errors><Error>" + codeAndMessage(error) +
                      "</Error></Errors><RequestID>" + core::xmlEscape(requestId) +
                      "</RequestID></Response>");
}

// S3, Route 53, CloudFront: <Error><Code><Message><RequestId></Error>.
HttpResponse restXmlError(const core::AwsError& error, std::string_view requestId) {
  return xmlError(error, requestId,
                  "<Error>" + codeAndMessage(error) + "<RequestId>" + core::xmlEscape(requestId) +
                      "</RequestId></Error>");
}

void appendCborHead(std::string& out, std::uint8_t majorType, std::uint64_t value) {
  const auto major = static_cast<char>(majorType << 5);
  if (value < 24) {
    out += static_cast<char>(major | static_cast<char>(value));
    return;
  }
  int bytes = value <= 0xff ? 1 : value <= 0xffff ? 2 : value <= 0xffffffff ? 4 : 8;
  out += static_cast<char>(major | static_cast<char>(bytes == 1   ? 24
                                                     : bytes == 2 ? 25
                                                     : bytes == 4 ? 26
                                                                  : 27));
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
    out += static_cast<char>((value >> shift) & 0xff);
}

void appendCborText(std::string& out, std::string_view text) {
  appendCborHead(out, 3, text.size());
  out += text;
}

// Smithy RPC v2 CBOR: a CBOR map {"__type": code, "message": message}.
HttpResponse cborError(const core::AwsError& error, std::string_view requestId) {
  std::string body;
  appendCborHead(body, 5, 2);
  appendCborText(body, "__type");
  appendCborText(body, error.code);
  appendCborText(body, "message");
  // CBOR text must be UTF-8; a message echoing a client's bytes may not be.
  appendCborText(body,
                 core::isValidUtf8(error.message) ? error.message : std::string("invalid request"));
  HttpResponse response;
  response.status = error.httpStatus;
  response.headers.emplace_back("Content-Type", "application/cbor");
  response.headers.emplace_back("smithy-protocol", "rpc-v2-cbor");
  response.headers.emplace_back("x-amzn-RequestId", std::string(requestId));
  response.body = std::move(body);
  return response;
}

bool isQueryRequest(const HttpRequest& request) {
  return request.header("content-type").starts_with("application/x-www-form-urlencoded") ||
         request.query().starts_with("Action=") ||
         request.query().find("&Action=") != std::string_view::npos;
}

bool isRestXmlService(std::string_view signingName) {
  auto names = restXmlSigningNames();
  return std::binary_search(names.begin(), names.end(), signingName);
}

}  // namespace

HttpResponse encodeErrorForClient(const HttpRequest& request, std::string_view signingName,
                                  const core::AwsError& error, std::string_view requestId) {
  if (request.header("smithy-protocol") == "rpc-v2-cbor") return cborError(error, requestId);
  std::string_view contentType = request.header("content-type");
  if (!request.header("x-amz-target").empty() || contentType.starts_with("application/x-amz-json-"))
    return encodeError(error, requestId,
                       contentType.starts_with(kAwsJsonContentType) ? kAwsJsonContentType
                                                                    : "application/x-amz-json-1.1");
  if (isQueryRequest(request))
    return signingName == "ec2" ? ec2Error(error, requestId)
                                : encodeAwsQueryError(error, requestId);
  if (isRestXmlService(signingName)) return restXmlError(error, requestId);
  return encodeError(error, requestId, "application/json");
}

}  // namespace stepsim::protocol
