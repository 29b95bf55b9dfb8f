// decodeAwsQuery: a Query form read back into the JSON input its model describes.
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "emulator/core/json.h"
#include "emulator/core/utf8.h"
#include "emulator/protocol/aws_query.h"
#include "emulator/protocol/shape_validator.h"
#include "emulator/protocol/uri.h"

namespace stepsim::protocol {
namespace {

using json = stepsim::Json;

// Deeper names than this are not read: no model nests so far, and a recursive shape must not
// recurse without end.
constexpr int kMaxDepth = 32;

// A client-supplied value quoted in a message: bounded, so a huge value cannot bloat the reply.
std::string echoed(std::string_view text) {
  return "'" + std::string(core::utf8Truncate(text, 200)) + "'";
}

// The form's parameters by name, so the members under a dotted prefix are one sorted range.
class FormReader {
 public:
  FormReader(const QueryParams& params, std::string_view errorCode) : errorCode_(errorCode) {
    for (const auto& [name, value] : params) params_.emplace(name, value);  // first one wins
  }

  const std::string* find(const std::string& name) const {
    auto it = params_.find(name);
    return it == params_.end() ? nullptr : &it->second;
  }

  // The value of `shape` written under `name`, or nullopt when the form has none of it.
  std::optional<json> read(const Shape& shape, const std::string& name, bool flattened,
                           int depth) const {
    if (depth > kMaxDepth) return std::nullopt;
    switch (shape.type) {
      case ShapeType::Structure:
        if (!hasUnder(name)) return std::nullopt;
        return readStructure(shape, name, depth);
      case ShapeType::List:
        return readList(shape, name, flattened || shape.flattened, depth);
      case ShapeType::Map:
        return readMap(shape, name, flattened || shape.flattened, depth);
      default:
        if (const std::string* text = find(name)) return scalar(shape, name, *text);
        return std::nullopt;
    }
  }

  // The members of `shape` under "<prefix>." (the whole form when `prefix` is empty).
  json readStructure(const Shape& shape, const std::string& prefix, int depth) const {
    json object = json::object();
    for (const Member& member : shape.members) {
      std::string name = prefix.empty() ? member.locationName : prefix + "." + member.locationName;
      if (auto value = read(*member.shape, name, member.flattened, depth + 1))
        object[member.name] = std::move(*value);
    }
    return object;
  }

 private:
  std::optional<json> readList(const Shape& shape, const std::string& name, bool flattened,
                               int depth) const {
    std::string elements = flattened ? name + "." : name + "." + shape.memberName + ".";
    std::set<long> indexes = indexesUnder(elements);
    if (indexes.empty()) {
      // `Name=` with no elements is how SDKs send an empty list.
      if (const std::string* text = find(name); text && text->empty()) return json::array();
      return std::nullopt;
    }
    json list = json::array();
    for (long index : indexes)
      if (auto value = read(*shape.member, elements + std::to_string(index), false, depth + 1))
        list.push_back(std::move(*value));
    return list;
  }

  std::optional<json> readMap(const Shape& shape, const std::string& name, bool flattened,
                              int depth) const {
    std::string entries = flattened ? name + "." : name + ".entry.";
    std::set<long> indexes = indexesUnder(entries);
    if (indexes.empty()) return std::nullopt;
    json map = json::object();
    for (long index : indexes) {
      std::string entry = entries + std::to_string(index) + ".";
      const std::string* key = find(entry + shape.keyName);
      auto value = read(*shape.value, entry + shape.valueName, false, depth + 1);
      if (key && value) map[*key] = std::move(*value);
    }
    return map;
  }

  json scalar(const Shape& shape, const std::string& name, const std::string& text) const {
    // Percent-escapes can spell any bytes; the input, like a JSON protocol's, is text.
    if (!core::isValidUtf8(text)) wrongType(name, text, "valid UTF-8");
    switch (shape.type) {
      case ShapeType::Integer:
      case ShapeType::Long: {
        long long number = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc() || end != text.data() + text.size() || text.empty())
          wrongType(name, text, "an integer");
        return number;
      }
      case ShapeType::Float:
      case ShapeType::Double: {
        double number = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(number))
          wrongType(name, text, "a number");
        return number;
      }
      case ShapeType::Boolean:
        if (text == "true") return true;
        if (text == "false") return false;
        wrongType(name, text, "true or false");
      default:  // strings, timestamps (ISO 8601 text) and blobs (base64 text)
        return text;
    }
  }

  [[noreturn]] void wrongType(const std::string& name, const std::string& text,
                              std::string_view expected) const {
    throw core::AwsError(
        std::string(errorCode_),
        "Value " + echoed(text) + " at '" + name + "' is not " + std::string(expected), 400);
  }

  bool hasUnder(const std::string& name) const {
    std::string prefix = name + ".";
    auto it = params_.lower_bound(prefix);
    return it != params_.end() && it->first.starts_with(prefix);
  }

  // The N of every "<prefix>N" or "<prefix>N.<more>" in the form, in numeric order.
  std::set<long> indexesUnder(const std::string& prefix) const {
    std::set<long> indexes;
    for (auto it = params_.lower_bound(prefix);
         it != params_.end() && it->first.starts_with(prefix); ++it) {
      std::string_view rest = std::string_view(it->first).substr(prefix.size());
      long index = 0;
      auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), index);
      if (error == std::errc() && index >= 1 && (end == rest.data() + rest.size() || *end == '.'))
        indexes.insert(index);
    }
    return indexes;
  }

  std::map<std::string, std::string, std::less<>> params_;
  std::string_view errorCode_;
};

QueryParams requestParams(const HttpRequest& request) {
  QueryParams params = parseForm(request.query());
  if (request.method == "POST") {
    QueryParams body = parseForm(request.body);
    params.insert(params.end(), body.begin(), body.end());
  }
  return params;
}

}  // namespace

DecodedRequest decodeAwsQuery(const AwsQueryService& service, const HttpRequest& request) {
  FormReader form(requestParams(request), service.validationErrorCode);
  const std::string* action = form.find("Action");
  if (!action || action->empty()) throw core::AwsError("MissingAction", "Missing Action", 400);
  const Operation* op = service.model->findOperation(*action);
  if (!op)
    throw core::AwsError("InvalidAction",
                         "Could not find operation " + echoed(*action) + " for version " +
                             service.model->apiVersion(),
                         400);
  DecodedRequest decoded;
  decoded.operation = op->name;
  decoded.input = op->input ? form.readStructure(*op->input, "", 0) : json::object();
  if (op->input)
    validateShape(*op->input, decoded.input,
                  {service.validationErrorCode, service.validationErrorCode});
  return decoded;
}

}  // namespace stepsim::protocol
