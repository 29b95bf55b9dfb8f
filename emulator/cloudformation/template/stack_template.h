#pragma once
// A template's declarations, checked as CloudFormation checks them before it creates anything:
// the sections, parameters, conditions, resources and the dependency graph between resources
// (DependsOn, and the Ref / Fn::GetAtt / Fn::Sub references inside properties and outputs).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::cfn {

struct ParameterDeclaration {
  std::string name;
  std::string type;  // String, Number, List<Number>, CommaDelimitedList, AWS::SSM..., AWS::EC2::...
  std::optional<std::string> defaultValue;  // as written (a number default becomes its text)
  std::vector<std::string> allowedValues;
  std::string allowedPattern;
  std::optional<double> minLength, maxLength, minValue, maxValue;
  std::string constraintDescription;
  std::string description;
  bool noEcho = false;
};

struct ResourceDeclaration {
  std::string logicalId;
  std::string type;                 // "AWS::Lambda::Function", "Custom::X", ...
  stepsim::Json properties;         // unevaluated; an empty object when absent
  std::set<std::string> dependsOn;  // explicit DependsOn and every resource referenced
  std::string condition;            // empty when unconditional
  std::string deletionPolicy;       // Delete (default), Retain, Snapshot
  stepsim::Json metadata;           // null when absent
};

struct OutputDeclaration {
  std::string name;
  stepsim::Json value;       // unevaluated
  stepsim::Json exportName;  // unevaluated Export.Name; null when not exported
  std::string description;
  std::string condition;
};

struct StackTemplate {
  stepsim::Json document;  // the whole parsed template
  std::string description;
  std::vector<std::string> transforms;  // "AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"
  std::vector<ParameterDeclaration> parameters;  // declaration order
  stepsim::Json mappings;                        // object (empty when absent)
  stepsim::Json conditions;                      // object of unevaluated condition expressions
  std::vector<ResourceDeclaration> resources;    // declaration order
  std::vector<OutputDeclaration> outputs;        // declaration order

  const ResourceDeclaration* findResource(std::string_view logicalId) const;
};

// The transforms `document` declares (Transform: a name or a list of names), in order; a
// TemplateError for any other shape.
std::vector<std::string> readTransforms(const stepsim::Json& document);

// Checks the template's structure and builds its declarations. Throws TemplateError with
// CloudFormation's wording, for example:
//   "Template format error: At least one Resources member must be defined."
//   "Template format error: Unrecognized resource types: [X]" is NOT checked here (types are the
//     provisioner's business);
//   "Template format error: Unresolved resource dependencies [Nope] in the Resources block of the
//     template" (a Ref/GetAtt/DependsOn naming neither a resource, a parameter nor a pseudo
//     parameter);
//   "Template format error: Unresolved dependencies [X]. Cannot reference resources in the
//     Conditions block of the template";
//   "Circular dependency between resources: [A, B]" (sorted names of the resources in the cycle);
//   "Template format error: Every Resources object must contain a Type member." and
//   "Template error: ..." for malformed intrinsics found while scanning (e.g. Fn::GetAtt that is
//   neither "A.B" nor [A, B]).
StackTemplate readTemplate(const stepsim::Json& document);

// The order to create resources in: every resource after the ones it depends on, otherwise in
// declaration order (deterministic). Resources whose condition is false are left out.
// Deletion uses the reverse.
std::vector<std::string> creationOrder(const StackTemplate& stackTemplate,
                                       const std::map<std::string, bool>& conditionValues);

}  // namespace stepsim::cfn
