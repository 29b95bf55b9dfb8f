// The references readTemplate checks: what each Ref, Fn::GetAtt, Fn::Sub placeholder and
// condition name in the template points at, and which resources each resource depends on.
#include <set>
#include <string>
#include <vector>

#include "emulator/cloudformation/template/intrinsic_syntax.h"
#include "emulator/cloudformation/template/template_checks.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"

namespace stepsim::cfn {
namespace {

// Everything one part of the template refers to.
struct References {
  std::vector<std::string> names;            // Ref targets and ${Name} placeholders
  std::vector<std::string> attributeOwners;  // Fn::GetAtt resources
  std::vector<std::string> subAttributes;    // ${Resource.Attribute} placeholders
  std::vector<std::string> conditions;       // Fn::If conditions and {"Condition": Name}
};

bool isConditionReference(const stepsim::Json& value) {
  return value.is_object() && value.size() == 1 && value.contains("Condition");
}

class ReferenceScan {
 public:
  explicit ReferenceScan(bool languageExtensions) : languageExtensions_(languageExtensions) {}

  const References& references() const { return references_; }

  void scan(const stepsim::Json& value) {
    if (value.is_array()) {
      for (const stepsim::Json& element : value) scan(element);
    } else if (value.is_object()) {
      if (const auto function = intrinsicName(value))
        return scanCall(*function, value.begin().value());
      for (const auto& [key, member] : value.items()) scan(member);
    }
  }

  // A condition expression: {"Condition": Name} names another condition.
  void scanCondition(const stepsim::Json& expression) {
    if (!isConditionReference(expression)) return scan(expression);
    const stepsim::Json& name = expression["Condition"];
    if (!name.is_string())
      throw TemplateError("Template format error: Every Condition member must be a string.");
    references_.conditions.push_back(name.get<std::string>());
  }

 private:
  void scanCall(const std::string& function, const stepsim::Json& argument) {
    checkFunctionSupported(function, languageExtensions_);
    if (function == "Ref") return scanRef(argument);
    if (function == "Fn::GetAtt") return scanGetAtt(argument);
    if (function == "Fn::Sub") return scanSub(argument);
    if (function == "Fn::If") return scanIf(argument);
    if (function == "Fn::And" || function == "Fn::Or" || function == "Fn::Not") {
      if (argument.is_array())
        for (const stepsim::Json& condition : argument) scanCondition(condition);
      return;
    }
    scan(argument);
  }

  void scanRef(const stepsim::Json& argument) {
    if (argument.is_string()) return references_.names.push_back(argument.get<std::string>());
    if (!intrinsicName(argument))
      throw TemplateError(
          "Template format error: Every Ref object must have a single String value.");
    scan(argument);
  }

  void scanGetAtt(const stepsim::Json& argument) {
    const GetAttArguments getAtt = getAttArguments(argument);
    references_.attributeOwners.push_back(getAtt.resource);
    scan(getAtt.attribute);
  }

  void scanSub(const stepsim::Json& argument) {
    const SubArguments sub = subArguments(argument);
    scan(sub.variables);
    if (!sub.text->is_string()) return scan(*sub.text);
    for (const SubPart& part : parseSubTemplate(sub.text->get_ref<const std::string&>())) {
      if (!part.isVariable || sub.variables.contains(part.text)) continue;
      if (splitAttributeName(part.text))
        references_.subAttributes.push_back(part.text);
      else
        references_.names.push_back(part.text);
    }
  }

  void scanIf(const stepsim::Json& argument) {
    if (!argument.is_array() || argument.empty() || !argument[0].is_string()) return scan(argument);
    references_.conditions.push_back(argument[0].get<std::string>());
    for (std::size_t i = 1; i < argument.size(); ++i) scan(argument[i]);
  }

  bool languageExtensions_;
  References references_;
};

class ReferenceCheck {
 public:
  explicit ReferenceCheck(StackTemplate& stackTemplate) : template_(stackTemplate) {
    for (const ResourceDeclaration& resource : stackTemplate.resources)
      resources_.insert(resource.logicalId);
    for (const ParameterDeclaration& parameter : stackTemplate.parameters)
      parameters_.insert(parameter.name);
    for (const auto& [name, expression] : stackTemplate.conditions.items())
      conditions_.insert(name);
    for (const std::string& transform : stackTemplate.transforms)
      if (transform == kLanguageExtensions) languageExtensions_ = true;
  }

  void checkConditionsBlock() {
    std::set<std::string> unresolved, unknownConditions;
    for (const auto& [name, expression] : template_.conditions.items()) {
      ReferenceScan scan(languageExtensions_);
      scan.scanCondition(expression);
      const References& references = scan.references();
      for (const std::string& referenced : references.names)
        if (!isParameter(referenced)) unresolved.insert(referenced);
      unresolved.insert(references.attributeOwners.begin(), references.attributeOwners.end());
      for (const std::string& attribute : references.subAttributes)
        unresolved.insert(splitAttributeName(attribute)->first);
      for (const std::string& condition : references.conditions)
        if (!conditions_.count(condition)) unknownConditions.insert(condition);
    }
    if (!unresolved.empty())
      throw TemplateError("Template format error: Unresolved dependencies [" +
                          joinNames(sorted(unresolved)) +
                          "]. Cannot reference resources in the Conditions block of the template");
    throwUnknownConditions(unknownConditions, "Conditions");
  }

  void checkResourcesBlock() {
    std::set<std::string> unresolved, unknownConditions;
    for (ResourceDeclaration& resource : template_.resources) {
      for (const std::string& dependency : resource.dependsOn)
        if (!resources_.count(dependency)) unresolved.insert(dependency);
      ReferenceScan scan(languageExtensions_);
      scan.scan(resource.properties);
      const std::set<std::string> referenced = referencedResources(scan.references(), unresolved);
      resource.dependsOn.insert(referenced.begin(), referenced.end());
      if (!resource.condition.empty() && !conditions_.count(resource.condition))
        unknownConditions.insert(resource.condition);
    }
    throwUnresolved(unresolved, "Resources");
    throwUnknownConditions(unknownConditions, "Resources");
  }

  void checkOutputsBlock() {
    std::set<std::string> unresolved, unknownConditions;
    for (const OutputDeclaration& output : template_.outputs) {
      ReferenceScan scan(languageExtensions_);
      scan.scan(output.value);
      scan.scan(output.exportName);
      referencedResources(scan.references(), unresolved);
      if (!output.condition.empty() && !conditions_.count(output.condition))
        unknownConditions.insert(output.condition);
    }
    throwUnresolved(unresolved, "Outputs");
    throwUnknownConditions(unknownConditions, "Outputs");
  }

 private:
  bool isParameter(const std::string& name) const {
    return parameters_.count(name) || isPseudoParameter(name);
  }

  // The resources `references` use; names nothing declares go to `unresolved`.
  std::set<std::string> referencedResources(const References& references,
                                            std::set<std::string>& unresolved) const {
    std::set<std::string> used;
    for (const std::string& name : references.names) {
      if (resources_.count(name))
        used.insert(name);
      else if (!isParameter(name))
        unresolved.insert(name);
    }
    for (const std::string& owner : references.attributeOwners) {
      if (!resources_.count(owner))
        throw TemplateError(
            "Template error: instance of Fn::GetAtt references undefined resource " + owner);
      used.insert(owner);
    }
    for (const std::string& attribute : references.subAttributes) {
      const std::string owner = splitAttributeName(attribute)->first;
      if (!resources_.count(owner))
        throw TemplateError(
            "Template error: instance of Fn::Sub references invalid resource attribute " +
            attribute);
      used.insert(owner);
    }
    for (const std::string& condition : references.conditions)
      if (!conditions_.count(condition))
        throw TemplateError("Template error: unresolved condition dependency " + condition +
                            " in Fn::If");
    return used;
  }

  static std::vector<std::string> sorted(const std::set<std::string>& names) {
    return {names.begin(), names.end()};
  }

  static void throwUnresolved(const std::set<std::string>& names, std::string_view block) {
    if (names.empty()) return;
    throw TemplateError("Template format error: Unresolved resource dependencies [" +
                        joinNames(sorted(names)) + "] in the " + std::string(block) +
                        " block of the template");
  }

  static void throwUnknownConditions(const std::set<std::string>& names, std::string_view block) {
    if (names.empty()) return;
    throw TemplateError("Template format error: Unresolved condition dependencies [" +
                        joinNames(sorted(names)) + "] in the " + std::string(block) +
                        " block of the template");
  }

  StackTemplate& template_;
  std::set<std::string> resources_, parameters_, conditions_;
  bool languageExtensions_ = false;
};

}  // namespace

void checkReferences(StackTemplate& stackTemplate) {
  ReferenceCheck check(stackTemplate);
  check.checkConditionsBlock();
  check.checkResourcesBlock();
  check.checkOutputsBlock();
}

}  // namespace stepsim::cfn
