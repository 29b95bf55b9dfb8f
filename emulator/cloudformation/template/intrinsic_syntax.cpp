#include "emulator/cloudformation/template/intrinsic_syntax.h"

#include <algorithm>
#include <array>

#include "emulator/cloudformation/template/template_error.h"

namespace stepsim::cfn {
namespace {

constexpr std::array<std::string_view, 8> kPseudoParameters = {
    "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",   "AWS::Partition",
    "AWS::Region",    "AWS::StackId",          "AWS::StackName", "AWS::URLSuffix"};

// The functions every template may call, in the order CloudFormation lists them.
constexpr std::array<std::string_view, 23> kStandardFunctions = {"Fn::Base64",
                                                                 "Fn::GetAtt",
                                                                 "Fn::GetAZs",
                                                                 "Fn::ImportValue",
                                                                 "Fn::Join",
                                                                 "Fn::Split",
                                                                 "Fn::FindInMap",
                                                                 "Fn::Select",
                                                                 "Ref",
                                                                 "Fn::Equals",
                                                                 "Fn::If",
                                                                 "Fn::Not",
                                                                 "Condition",
                                                                 "Fn::And",
                                                                 "Fn::Or",
                                                                 "Fn::Contains",
                                                                 "Fn::EachMemberEquals",
                                                                 "Fn::EachMemberIn",
                                                                 "Fn::ValueOf",
                                                                 "Fn::ValueOfAll",
                                                                 "Fn::RefAll",
                                                                 "Fn::Sub",
                                                                 "Fn::Cidr"};

constexpr std::array<std::string_view, 2> kLanguageExtensionFunctions = {"Fn::Length",
                                                                         "Fn::ToJsonString"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

[[noreturn]] void throwUnsupported(std::string_view name) {
  std::string supported;
  for (const std::string_view function : kStandardFunctions) {
    if (!supported.empty()) supported += ", ";
    supported += function;
  }
  throw TemplateError("Template format error: Encountered unsupported function: " +
                      std::string(name) + " Supported functions are: [" + supported + "]");
}

[[noreturn]] void throwMalformedGetAtt() {
  throw TemplateError(
      "Template error: every Fn::GetAtt object requires two non-empty parameters, the resource "
      "name and the resource attribute");
}

[[noreturn]] void throwMalformedSub() {
  throw TemplateError(
      "Template error: One or more Fn::Sub intrinsic functions don't specify expected "
      "arguments. Specify a string as first argument, and an optional second argument to "
      "specify a mapping of values to replace in the string");
}

bool isNonEmptyString(const stepsim::Json& value) {
  return value.is_string() && !value.get_ref<const std::string&>().empty();
}

}  // namespace

bool isPseudoParameter(std::string_view name) {
  return contains(kPseudoParameters, name);
}

std::optional<std::string> intrinsicName(const stepsim::Json& value) {
  if (!value.is_object() || value.size() != 1) return std::nullopt;
  const std::string& key = value.begin().key();
  if (key == "Ref" || key.rfind("Fn::", 0) == 0) return key;
  return std::nullopt;
}

void checkFunctionSupported(std::string_view name, bool languageExtensions) {
  if (contains(kStandardFunctions, name)) return;
  if (languageExtensions && contains(kLanguageExtensionFunctions, name)) return;
  throwUnsupported(name);
}

std::optional<std::pair<std::string, std::string>> splitAttributeName(std::string_view name) {
  const std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  return std::pair{std::string(name.substr(0, dot)), std::string(name.substr(dot + 1))};
}

GetAttArguments getAttArguments(const stepsim::Json& argument) {
  if (argument.is_string()) {
    const auto parts = splitAttributeName(argument.get_ref<const std::string&>());
    if (!parts || parts->first.empty() || parts->second.empty()) throwMalformedGetAtt();
    return {parts->first, parts->second};
  }
  if (!argument.is_array() || argument.size() != 2 || !isNonEmptyString(argument[0]))
    throwMalformedGetAtt();
  const stepsim::Json& attribute = argument[1];
  if (!isNonEmptyString(attribute) && !intrinsicName(attribute)) throwMalformedGetAtt();
  return {argument[0].get<std::string>(), attribute};
}

SubArguments subArguments(const stepsim::Json& argument) {
  if (argument.is_string()) return {&argument, stepsim::Json::object()};
  if (!argument.is_array() || argument.empty() || argument.size() > 2) throwMalformedSub();
  const stepsim::Json& text = argument[0];
  if (!text.is_string() && !intrinsicName(text)) throwMalformedSub();
  if (argument.size() == 1) return {&text, stepsim::Json::object()};
  if (!argument[1].is_object()) throwMalformedSub();
  return {&text, argument[1]};
}

std::vector<SubPart> parseSubTemplate(std::string_view text) {
  std::vector<SubPart> parts;
  auto appendText = [&parts](std::string_view literal) {
    if (literal.empty()) return;
    if (parts.empty() || parts.back().isVariable) parts.push_back(SubPart{});
    parts.back().text.append(literal);
  };
  std::size_t position = 0;
  while (position < text.size()) {
    const std::size_t open = text.find("${", position);
    const std::size_t close = open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) break;  // no placeholder left: the rest is literal
    appendText(text.substr(position, open - position));
    const std::string_view name = text.substr(open + 2, close - open - 2);
    if (!name.empty() && name.front() == '!') {
      appendText("${");
      appendText(name.substr(1));
      appendText("}");
    } else {
      parts.push_back(SubPart{std::string(name), true});
    }
    position = close + 1;
  }
  appendText(text.substr(std::min(position, text.size())));
  return parts;
}

}  // namespace stepsim::cfn
