#include "emulator/cloudformation/template/parameter_types.h"

#include <optional>

namespace stepsim::cfn {
namespace {

constexpr std::string_view kSsmValuePrefix = "AWS::SSM::Parameter::Value<";

// The T of "<prefix>T>", if `type` has that form.
std::optional<std::string_view> enclosed(std::string_view type, std::string_view prefix) {
  if (type.size() <= prefix.size() || type.substr(0, prefix.size()) != prefix || type.back() != '>')
    return std::nullopt;
  return type.substr(prefix.size(), type.size() - prefix.size() - 1);
}

// AWS::EC2::Subnet::Id and the like: values are ids of existing resources, taken as text.
bool isAwsSpecificType(std::string_view type) {
  return type.rfind("AWS::EC2::", 0) == 0 || type == "AWS::Route53::HostedZone::Id" ||
         type == "AWS::SSM::Parameter::Name";
}

bool isListOfAwsSpecificType(std::string_view type) {
  const auto element = enclosed(type, "List<");
  return element && isAwsSpecificType(*element);
}

bool isSsmValueContent(std::string_view content) {
  return content == "String" || content == "List<String>" || content == "CommaDelimitedList" ||
         isAwsSpecificType(content) || isListOfAwsSpecificType(content);
}

}  // namespace

bool isKnownParameterType(std::string_view type) {
  if (type == "String" || type == "Number" || type == "List<Number>" ||
      type == "CommaDelimitedList")
    return true;
  if (isAwsSpecificType(type) || isListOfAwsSpecificType(type)) return true;
  const auto ssmContent = enclosed(type, kSsmValuePrefix);
  return ssmContent && isSsmValueContent(*ssmContent);
}

bool isListParameterType(std::string_view type) {
  if (const auto ssmContent = enclosed(type, kSsmValuePrefix)) type = *ssmContent;
  return type == "CommaDelimitedList" || type.rfind("List<", 0) == 0;
}

bool isNumericParameterType(std::string_view type) {
  return type == "Number" || type == "List<Number>";
}

}  // namespace stepsim::cfn
