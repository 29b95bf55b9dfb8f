#pragma once
// Parameters, pseudo parameters, conditions and intrinsic functions of a stack, evaluated as
// CloudFormation evaluates them.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/cloudformation/template/stack_template.h"
#include "emulator/core/json.h"

namespace stepsim::cfn {

struct PseudoParameters {
  std::string accountId;  // AWS::AccountId
  std::string region;     // AWS::Region
  std::string stackName;  // AWS::StackName
  std::string stackId;    // AWS::StackId (the stack's ARN)
  std::string partition = "aws";
  std::string urlSuffix = "amazonaws.com";
  std::vector<std::string> notificationArns;
};

// The value each parameter takes: the given one, else its default. Values are checked against
// the declaration (AllowedValues, AllowedPattern, Min/MaxLength, Min/MaxValue, Number types),
// list types (CommaDelimitedList, List<...>) become JSON arrays of strings, others JSON strings.
// Throws TemplateError with CloudFormation's words:
//   "Parameters: [A, B] must have values"
//   "Parameter 'Env' must be one of AllowedValues" (or the ConstraintDescription when given)
//   "Parameter 'Size' must be a number"
//   "Parameters: [Extra] do not exist in the template"
std::map<std::string, stepsim::Json> resolveParameters(
    const StackTemplate& stackTemplate, const std::map<std::string, std::string>& given);

// What an evaluation may ask of the stack outside the template.
struct StackContext {
  const StackTemplate* stackTemplate = nullptr;
  const std::map<std::string, stepsim::Json>* parameters = nullptr;  // resolveParameters' result
  PseudoParameters pseudo;
  // The Ref value of a created resource (its physical id); nullopt if it does not exist (yet).
  std::function<std::optional<stepsim::Json>(std::string_view logicalId)> resourceRef;
  // Fn::GetAtt of a created resource; nullopt if the resource or attribute is unknown.
  std::function<std::optional<stepsim::Json>(std::string_view logicalId,
                                             std::string_view attribute)>
      resourceAttribute;
  // Fn::ImportValue: the value another stack exports under that name, nullopt if none.
  std::function<std::optional<std::string>(std::string_view exportName)> importValue;
};

class Evaluator {
 public:
  explicit Evaluator(StackContext context);

  // Every condition of the template, evaluated once (Fn::Equals/And/Or/Not/Condition over
  // parameters, pseudo parameters and mappings). Throws TemplateError on a malformed one.
  const std::map<std::string, bool>& conditionValues();

  // `value` with every intrinsic resolved: Ref (resource, parameter, pseudo parameter,
  // AWS::NoValue removes the enclosing key or list element), Fn::GetAtt, Fn::Sub (string form and
  // [string, variables] form, ${!Literal} escapes, ${A.B} attributes), Fn::Join, Fn::Select,
  // Fn::Split, Fn::If, Fn::FindInMap (with DefaultValue under AWS::LanguageExtensions),
  // Fn::GetAZs (the region's "<region>a", "b", "c"), Fn::Base64, Fn::ImportValue, Fn::Cidr,
  // Fn::Length and Fn::ToJsonString (AWS::LanguageExtensions), Fn::Equals etc. inside Fn::If
  // conditions. Throws TemplateError naming the problem, e.g. "Template error: instance of
  // Fn::GetAtt references undefined resource Nope", "Template error: every Fn::Join object
  // requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a
  // function that returns a list of strings (such as Fn::GetAZs) to be joined.". One evaluation
  // may make at most 2 MiB (Fn::Join, Fn::Sub, copies of parameters and mappings...): "Template
  // error: The evaluated value exceeds the maximum size of 2097152 bytes ...".
  stepsim::Json evaluate(const stepsim::Json& value);

  // A resource's properties, evaluated (AWS::NoValue members removed).
  stepsim::Json properties(const ResourceDeclaration& resource);

 private:
  StackContext context_;
  std::optional<std::map<std::string, bool>> conditions_;
};

}  // namespace stepsim::cfn
