#include "emulator/protocol/rest_json.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "emulator/core/json_text.h"
#include "emulator/protocol/rest_json_router.h"
#include "emulator/protocol/shape_validator.h"
#include "emulator/protocol/uri.h"
#include "emulator/core/utf8.h"

namespace stepsim::protocol {

namespace {

using json = stepsim::Json;

[[noreturn]] void throwValidation(const RestJsonService& service, std::string_view text,
                                  std::string_view path, std::string_view constraint) {
  throw core::AwsError(service.validationErrorCode, validationMessage(text, path, constraint), 400);
}

// A value bound from the URI, query or a header, converted to the member's JSON type.
json convertText(const RestJsonService& service, const Shape& shape, const std::string& text,
                 std::string_view path) {
  if (!core::isValidUtf8(text))
    throw core::AwsError(service.serializationErrorCode,
                         "Value at '" + std::string(path) + "' is not valid UTF-8", 400);
  const char* begin = text.data();
  const char* end = begin + text.size();
  switch (shape.type) {
    case ShapeType::Integer:
    case ShapeType::Long: {
      int64_t v = 0;
      auto [ptr, ec] = std::from_chars(begin, end, v);
      bool ok = ec == std::errc() && ptr == end && !text.empty() &&
                (shape.type == ShapeType::Long || (v >= INT32_MIN && v <= INT32_MAX));
      if (!ok) throwValidation(service, text, path, "Member must be an integer");
      return v;
    }
    case ShapeType::Float:
    case ShapeType::Double: {
      double v = 0;
      auto [ptr, ec] = std::from_chars(begin, end, v);
      if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(v))
        throwValidation(service, text, path, "Member must be a number");
      return v;
    }
    case ShapeType::Boolean:
      if (text == "true") return true;
      if (text == "false") return false;
      throwValidation(service, text, path, "Member must be a boolean (true or false)");
    default:
      // Strings, and timestamps/blobs as the text the client sent (ISO-8601 or RFC-822 dates).
      return text;
  }
}

json bindQueryMember(const RestJsonService& service, const Member& member, const QueryParams& query,
                     const Shape& input) {
  const Shape& shape = *member.shape;
  if (shape.type == ShapeType::Map) {
    // A map member takes every parameter that no other member names.
    json map = json::object();
    for (const auto& [key, value] : query) {
      bool named = false;
      for (const Member& other : input.members)
        if (other.location == Location::QueryString && &other != &member &&
            other.locationName == key)
          named = true;
      if (named || !core::isValidUtf8(key)) continue;
      std::string path = member.name + "." + key;
      if (shape.value && shape.value->type == ShapeType::List) {
        json& list = map[key];
        if (list.is_null()) list = json::array();
        list.push_back(shape.value->member ? convertText(service, *shape.value->member, value, path)
                                           : json(value));
      } else if (!map.contains(key)) {
        map[key] = shape.value ? convertText(service, *shape.value, value, path) : json(value);
      }
    }
    return map.empty() ? json() : map;
  }
  if (shape.type == ShapeType::List) {
    json list = json::array();
    for (const auto& [key, value] : query)
      if (key == member.locationName) {
        std::string path = member.name + "[" + std::to_string(list.size()) + "]";
        list.push_back(shape.member ? convertText(service, *shape.member, value, path)
                                    : json(value));
      }
    return list.empty() ? json() : list;
  }
  for (const auto& [key, value] : query)
    if (key == member.locationName) return convertText(service, shape, value, member.name);
  return json();
}

json bindHeaderMember(const RestJsonService& service, const Member& member,
                      const HttpRequest& request) {
  if (member.location == Location::Headers) {
    // A prefix map ("X-Amz-Meta-"): every header starting with the prefix, keyed by the rest.
    json map = json::object();
    const std::string& prefix = member.locationName;
    for (const auto& [name, value] : request.headers)
      if (name.size() > prefix.size() &&
          equalsIgnoreCase(std::string_view(name).substr(0, prefix.size()), prefix) &&
          core::isValidUtf8(name) && core::isValidUtf8(value))
        map[name.substr(prefix.size())] = value;
    return map.empty() ? json() : map;
  }
  std::string_view value = request.header(member.locationName);
  if (value.empty()) return json();
  return convertText(service, *member.shape, std::string(value), member.name);
}

json bodyInput(const RestJsonService& service, const Shape& input, const HttpRequest& request,
               std::optional<std::string>& payload) {
  if (!input.payload.empty()) {
    const Member* member = input.findMember(input.payload);
    json object = json::object();
    if (member && member->shape->type == ShapeType::Structure) {
      if (!request.body.empty())
        object[member->name] = parseJsonObjectBody(request.body, service.serializationErrorCode);
    } else {
      payload = request.body;
    }
    return object;
  }
  json object = request.body.empty()
                    ? json::object()
                    : parseJsonObjectBody(request.body, service.serializationErrorCode);
  if (input.hasNonBodyMembers) {
    for (const Member& member : input.members) {
      if (member.location != Location::Body) {
        object.erase(member.name);  // only its modeled location may set it
      } else if (member.locationName != member.name) {
        auto it = object.find(member.locationName);
        if (it != object.end()) {
          json value = std::move(*it);
          object.erase(it);
          object[member.name] = std::move(value);
        }
      }
    }
  }
  return object;
}

std::string headerText(const json& value) {
  return value.is_string() ? value.get<std::string>() : core::serializeJson(value);
}

}  // namespace

json parseJsonObjectBody(const std::string& body, const std::string& serializationErrorCode) {
  if (core::tooDeepAt(body))
    throw core::AwsError(serializationErrorCode,
                         "Unable to parse request body: it nests deeper than " +
                             std::to_string(core::kMaxClientJsonDepth) + " levels",
                         400);
  json parsed;
  try {
    parsed = json::parse(body);
  } catch (const json::exception& e) {
    throw core::AwsError(serializationErrorCode,
                         std::string("Unable to parse request body: ") + e.what(), 400);
  }
  if (!parsed.is_object())
    throw core::AwsError(serializationErrorCode,
                         "Unable to parse request body: expected a JSON object", 400);
  return parsed;
}

DecodedRequest decodeRestJson(const RestJsonService& service, const HttpRequest& request) {
  std::vector<std::string_view> segments = splitPath(request.path());
  QueryParams query = parseQuery(request.query());
  const Operation* op = matchRoute(*service.model, request.method, segments, query);
  if (!op) {
    std::string path(core::utf8Truncate(request.path(), 200));
    throw core::AwsError("UnknownOperationException",
                         "No operation matches " + request.method.substr(0, 16) + " " + path, 400);
  }

  DecodedRequest decoded;
  decoded.operation = op->name;
  if (!op->input) {
    decoded.input = json::object();
    return decoded;
  }
  const Shape& input = *op->input;
  decoded.input = bodyInput(service, input, request, decoded.payload);

  if (input.hasNonBodyMembers) {
    for (size_t i = 0; i < op->path.size(); ++i) {
      const PathSegment& route = op->path[i];
      if (route.kind == PathSegment::Kind::Literal) continue;
      std::string raw;
      if (route.kind == PathSegment::Kind::GreedyLabel) {
        // Rejoin the rest of the path; each segment is decoded on its own.
        for (size_t k = i; k < segments.size(); ++k)
          raw += (k == i ? "" : "/") + percentDecode(segments[k]);
      } else {
        raw = percentDecode(segments[i]);
      }
      for (const Member& member : input.members)
        if (member.location == Location::Uri && member.locationName == route.text)
          decoded.input[member.name] = convertText(service, *member.shape, raw, member.name);
    }
    for (const Member& member : input.members) {
      json value;
      if (member.location == Location::QueryString)
        value = bindQueryMember(service, member, query, input);
      else if (member.location == Location::Header || member.location == Location::Headers)
        value = bindHeaderMember(service, member, request);
      if (!value.is_null()) decoded.input[member.name] = std::move(value);
    }
  }

  validateShape(input, decoded.input,
                {service.serializationErrorCode, service.validationErrorCode});
  return decoded;
}

namespace {

// A success response before its body: the modeled status and the common headers.
HttpResponse successResponse(const Operation& op, std::string_view requestId) {
  HttpResponse response;
  response.status = op.responseCode;
  response.headers.emplace_back("Content-Type", "application/json");
  response.headers.emplace_back("x-amzn-RequestId", std::string(requestId));
  return response;
}

const Operation& findOutputOperation(const RestJsonService& service, std::string_view operation) {
  const Operation* op = service.model->findOperation(operation);
  if (!op)
    throw std::invalid_argument("encodeRestJson: unknown operation " + std::string(operation));
  return *op;
}

}  // namespace

HttpResponse encodeRestJsonBody(const RestJsonService& service, std::string_view operation,
                                std::string body, std::string_view requestId) {
  const Operation& op = findOutputOperation(service, operation);
  if (op.output && op.output->hasNonBodyMembers)
    throw std::invalid_argument("encodeRestJsonBody: " + std::string(operation) +
                                " has output members outside the body");
  HttpResponse response = successResponse(op, requestId);
  response.body = std::move(body);
  return response;
}

HttpResponse encodeRestJson(const RestJsonService& service, std::string_view operation,
                            const json& output, std::string_view requestId) {
  const Operation& op = findOutputOperation(service, operation);
  HttpResponse response = successResponse(op, requestId);

  const Shape* shape = op.output;
  if (!output.is_object()) {
    response.body = "{}";
  } else if (!shape || !shape->hasNonBodyMembers) {
    response.body = core::serializeJson(output);
  } else {
    json body = output;
    std::optional<std::string> rawBody;
    for (const Member& member : shape->members) {
      auto it = body.find(member.name);
      if (it == body.end()) continue;
      if (member.name == shape->payload) {
        if (it->is_string() && member.shape->type != ShapeType::Structure)
          rawBody = it->get<std::string>();
        else if (!it->is_null())
          rawBody = core::serializeJson(*it);
        continue;
      }
      switch (member.location) {
        case Location::Header:
          if (!it->is_null()) response.setHeader(member.locationName, headerText(*it));
          break;
        case Location::Headers:
          if (it->is_object())
            for (const auto& [key, value] : it->items())
              response.setHeader(member.locationName + key, headerText(value));
          break;
        case Location::StatusCode:
          if (it->is_number_integer()) response.status = it->get<int>();
          break;
        default:
          continue;
      }
      body.erase(it);
    }
    if (!shape->payload.empty())
      response.body = rawBody.value_or("");
    else
      response.body = core::serializeJson(body);
  }
  if (response.status == 204) response.body.clear();  // "No Content" must not carry one
  return response;
}

HttpResponse encodeError(const core::AwsError& error, std::string_view requestId,
                         std::string_view jsonContentType) {
  HttpResponse response;
  response.status = error.httpStatus;
  json body = {{"__type", error.code}, {"message", error.message}};
  if (error.extraMembers.is_object())
    for (const auto& [key, value] : error.extraMembers.items()) body[key] = value;
  response.headers.emplace_back("Content-Type", std::string(jsonContentType));
  response.headers.emplace_back("x-amzn-RequestId", std::string(requestId));
  response.headers.emplace_back("x-amzn-ErrorType", error.code);
  response.body = core::serializeJson(body);
  return response;
}

}  // namespace stepsim::protocol
