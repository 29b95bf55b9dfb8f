#pragma once
// The shape of intrinsic function calls, shared by the dependency scan (readTemplate) and the
// Evaluator (internal).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::cfn {

inline constexpr std::string_view kLanguageExtensions = "AWS::LanguageExtensions";

bool isPseudoParameter(std::string_view name);

// The function `value` calls when it is an intrinsic function call: an object with one member
// named "Ref" or "Fn::...". (A lone "Condition" member is a call only inside conditions.)
std::optional<std::string> intrinsicName(const stepsim::Json& value);

// Throws CloudFormation's "Encountered unsupported function" error unless the template may call
// `name` (Fn::Length and Fn::ToJsonString need the AWS::LanguageExtensions transform).
void checkFunctionSupported(std::string_view name, bool languageExtensions);

// Fn::GetAtt's arguments, "A.B" or [A, B]: the resource and the attribute (a string, or an
// intrinsic function that gives one). Throws when malformed.
struct GetAttArguments {
  std::string resource;
  stepsim::Json attribute;
};
GetAttArguments getAttArguments(const stepsim::Json& argument);

// Fn::Sub's argument: the template text and its variables (an empty object in the string form).
// Throws when malformed.
struct SubArguments {
  const stepsim::Json* text;  // a string, or (leniently) an intrinsic that gives one
  stepsim::Json variables;
};
SubArguments subArguments(const stepsim::Json& argument);

// A Fn::Sub template cut into literal text and ${Name} placeholders; ${!Literal} is literal
// text "${Literal}".
struct SubPart {
  std::string text;
  bool isVariable = false;
};
std::vector<SubPart> parseSubTemplate(std::string_view text);

// "A.B" -> {"A", "B"} (split at the first dot); nullopt without a dot.
std::optional<std::pair<std::string, std::string>> splitAttributeName(std::string_view name);

}  // namespace stepsim::cfn
