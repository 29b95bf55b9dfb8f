#include "emulator/app/cfn_resources/service_calls.h"

#include <cctype>

#include "emulator/app/account_region.h"
#include "emulator/app/iam_binding.h"
#include "emulator/app/logs_binding.h"
#include "emulator/app/service_protocols.h"
#include "emulator/app/service_state.h"
#include "emulator/batch/batch_service.h"
#include "emulator/core/aws_error.h"
#include "emulator/iam/iam_service.h"
#include "emulator/lambda/lambda_service.h"
#include "emulator/logs/logs_service.h"
#include "emulator/protocol/shape_validator.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::app::cfn_resources {

using json = stepsim::Json;

namespace {

constexpr std::string_view kNameAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::size_t kNameSuffixLength = 12;

struct CalledService {
  std::string_view name;     // as stepsim names it
  std::string_view sdkName;  // as the AWS SDK for Java v2 names it in CloudFormation's messages
  protocol::ValidationErrorCodes codes;
};

CalledService calledService(std::string_view service) {
  if (service == "batch")
    return {service,
            "Batch",
            {batchProtocol().serializationErrorCode, batchProtocol().validationErrorCode}};
  if (service == "lambda")
    return {service,
            "Lambda",
            {lambdaProtocol().serializationErrorCode, lambdaProtocol().validationErrorCode}};
  if (service == "stepfunctions")
    return {
        service, "Sfn", {sfnProtocol().serializationErrorCode, sfnProtocol().validationErrorCode}};
  if (service == "logs")
    return {service,
            "CloudWatchLogs",
            {logsProtocol().serializationErrorCode, logsProtocol().validationErrorCode}};
  return {service, "Iam", {iamProtocol().validationErrorCode, iamProtocol().validationErrorCode}};
}

json handle(AccountRegion& place, std::string_view service, std::string_view operation,
            const json& input) {
  if (service == "batch") return place.batch().handle(operation, input);
  if (service == "lambda") return place.lambda().handle(operation, input);
  if (service == "stepfunctions") return place.sfn().handle(operation, input);
  if (service == "logs")
    return stateOf<logs::LogsService>(place, kLogsBinding).handle(operation, input);
  return stateOf<iam::IamService>(place, kIamBinding).handle(operation, input);
}

// CloudFormation's handler error codes, from the service's error.
std::string handlerErrorCode(const core::AwsError& error) {
  const std::string& code = error.code;
  if (code.find("NotFound") != std::string::npos || code == "NoSuchEntity") return "NotFound";
  if (code.find("Exists") != std::string::npos || code.find("Conflict") != std::string::npos)
    return "AlreadyExists";
  if (code.find("Limit") != std::string::npos) return "ServiceLimitExceeded";
  if (error.httpStatus < 500) return "InvalidRequest";
  return "GeneralServiceException";
}

// CloudFormation hands every parameter to a resource as text ("RetentionInDays": "7" from a
// Number parameter) and converts it to the type the resource takes; so does stepsim, by the
// operation's model: text that reads as the number or boolean a member takes becomes one, and a
// number or boolean where text is taken becomes text. Anything else is left for validation.
void coerceToShape(const protocol::Shape& shape, json& value, int depth) {
  constexpr int kMaxDepth = 64;  // validateShape refuses deeper input
  if (depth > kMaxDepth) return;
  switch (shape.type) {
    case protocol::ShapeType::Structure:
      if (value.is_object())
        for (const protocol::Member& member : shape.members)
          if (auto it = value.find(member.name); it != value.end() && member.shape)
            coerceToShape(*member.shape, *it, depth + 1);
      return;
    case protocol::ShapeType::List:
      if (value.is_array() && shape.member)
        for (json& item : value) coerceToShape(*shape.member, item, depth + 1);
      return;
    case protocol::ShapeType::Map:
      if (value.is_object() && shape.value)
        for (auto& [key, item] : value.items()) coerceToShape(*shape.value, item, depth + 1);
      return;
    case protocol::ShapeType::String:
      if (value.is_number() || value.is_boolean()) value = value.dump();
      return;
    case protocol::ShapeType::Integer:
    case protocol::ShapeType::Long:
    case protocol::ShapeType::Float:
    case protocol::ShapeType::Double:
      if (value.is_string()) {
        json number = json::parse(value.get<std::string>(), nullptr, /*allow_exceptions=*/false);
        bool integral =
            shape.type == protocol::ShapeType::Integer || shape.type == protocol::ShapeType::Long;
        if (number.is_number() && (!integral || number.is_number_integer())) value = number;
      }
      return;
    case protocol::ShapeType::Boolean:
      if (value == "true" || value == "false") value = value == "true";
      return;
    default:
      return;
  }
}

bool isNotFound(const core::AwsError& error) {
  return handlerErrorCode(error) == "NotFound";
}

}  // namespace

json callService(AccountRegion& place, std::string_view service, std::string_view operation,
                 const json& input) {
  CalledService called = calledService(service);
  try {
    const protocol::Operation* op = protocol::serviceModel(service).findOperation(operation);
    if (!op || !op->input) return handle(place, service, operation, input);
    json typed = input;
    coerceToShape(*op->input, typed, 0);
    protocol::validateShape(*op->input, typed, called.codes);
    return handle(place, service, operation, typed);
  } catch (const core::AwsError& e) {
    throw cfn::ProvisioningError("Resource handler returned message: \"" + e.message +
                                 " (Service: " + std::string(called.sdkName) +
                                 ", Status Code: " + std::to_string(e.httpStatus) +
                                 ")\" (HandlerErrorCode: " + handlerErrorCode(e) + ")");
  }
}

void deleteQuietly(AccountRegion& place, std::string_view service, std::string_view operation,
                   const json& input) {
  try {
    handle(place, service, operation, input);
  } catch (const core::AwsError& e) {
    if (isNotFound(e)) return;
    callService(place, service, operation, input);  // the same refusal, worded for the stack
  }
}

std::string generatedName(AccountRegion& place, const cfn::ResourceRequest& request,
                          std::size_t maxLength) {
  core::Random& random = place.simulation().ids("cfn-names");
  std::string suffix;
  for (std::size_t i = 0; i < kNameSuffixLength; ++i)
    suffix += kNameAlphabet[random.below(kNameAlphabet.size())];
  // Stack and logical id share what the suffix leaves, the stack name shortened first.
  std::size_t room = maxLength > suffix.size() + 2 ? maxLength - suffix.size() - 2 : 0;
  std::string logical = request.logicalId.substr(0, std::min(request.logicalId.size(), room));
  std::size_t stackRoom = room > logical.size() ? room - logical.size() : 0;
  std::string stack = request.stackName.substr(0, std::min(request.stackName.size(), stackRoom));
  return (stack.empty() ? "" : stack + "-") + logical + "-" + suffix;
}

std::string stringProperty(const cfn::ResourceRequest& request, const char* name,
                           const std::string& fallback) {
  auto it = request.properties.find(name);
  if (it == request.properties.end() || it->is_null()) return fallback;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

const json& requiredProperty(const cfn::ResourceRequest& request, const char* name) {
  auto it = request.properties.find(name);
  if (it == request.properties.end() || it->is_null())
    throw cfn::ProvisioningError("Properties validation failed for resource " + request.logicalId +
                                 " with message: #: required key [" + name + "] not found");
  return *it;
}

json tagMap(const json& tags) {
  json out = json::object();
  if (tags.is_array())
    for (const json& tag : tags)
      if (tag.is_object()) out[tag.value("Key", "")] = tag.value("Value", "");
  return out;
}

json tagList(const json& tags, const char* keyName, const char* valueName) {
  json out = json::array();
  if (tags.is_array())
    for (const json& tag : tags)
      if (tag.is_object())
        out.push_back({{keyName, tag.value("Key", "")}, {valueName, tag.value("Value", "")}});
  return out;
}

json camelCaseKeys(const json& value) {
  return camelCaseKeys(value, {});
}

json removedTagKeys(const json& previousTags, const json& currentTags) {
  json current = tagMap(currentTags);
  json previous = tagMap(previousTags);  // named: items() of a temporary would dangle
  json removed = json::array();
  for (const auto& [key, value] : previous.items())
    if (!current.contains(key)) removed.push_back(key);
  return removed;
}

json camelCaseKeys(const json& value, std::initializer_list<std::string_view> verbatimMembers) {
  if (value.is_array()) {
    json out = json::array();
    for (const json& item : value) out.push_back(camelCaseKeys(item, verbatimMembers));
    return out;
  }
  if (!value.is_object()) return value;
  json out = json::object();
  for (const auto& [key, item] : value.items()) {
    std::string name = key;
    if (!name.empty())
      name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    bool verbatim = false;
    for (std::string_view member : verbatimMembers) verbatim = verbatim || member == key;
    out[name] = verbatim ? item : camelCaseKeys(item, verbatimMembers);
  }
  return out;
}

std::optional<json> callUnlessNotFound(AccountRegion& place, std::string_view service,
                                       std::string_view operation, const json& input) {
  try {
    return handle(place, service, operation, input);
  } catch (const core::AwsError& e) {
    if (isNotFound(e)) return std::nullopt;
  }
  return callService(place, service, operation, input);  // the refusal, worded for the stack
}

bool propertyChanged(const json& current, const json& previous, std::string_view name) {
  std::string key(name);
  return current.value(key, json()) != previous.value(key, json());
}

std::string nameOrGenerated(AccountRegion& place, const cfn::ResourceRequest& request,
                            const char* name, std::size_t maxLength) {
  std::string given = stringProperty(request, name);
  return given.empty() ? generatedName(place, request, maxLength) : given;
}

}  // namespace stepsim::app::cfn_resources
