#pragma once
// A small stack for template tests: a template read from text, its parameters, and the
// resources "created" so far, behind a StackContext.
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "emulator/cloudformation/template/intrinsics.h"
#include "emulator/cloudformation/template/stack_template.h"
#include "emulator/cloudformation/template/template_body.h"
#include "emulator/core/json.h"

namespace stepsim::cfn::testing {

inline StackTemplate readBody(std::string_view body) {
  return readTemplate(parseTemplateBody(body));
}

// A YAML fragment (`!Ref X`, `{Fn::Join: ...}`) as the JSON the template would hold.
inline stepsim::Json fragment(std::string_view text) {
  return parseTemplateBody("Value: " + std::string(text))["Value"];
}

struct TestStack {
  explicit TestStack(std::string_view body, const std::map<std::string, std::string>& given = {})
      : stackTemplate(readBody(body)), parameters(resolveParameters(stackTemplate, given)) {}

  StackContext context() const {
    StackContext context;
    context.stackTemplate = &stackTemplate;
    context.parameters = &parameters;
    context.pseudo.accountId = "123456789012";
    context.pseudo.region = "eu-west-1";
    context.pseudo.stackName = "demo";
    context.pseudo.stackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/1";
    context.pseudo.notificationArns = {"arn:aws:sns:eu-west-1:123456789012:topic"};
    context.resourceRef = [this](std::string_view id) -> std::optional<stepsim::Json> {
      const auto found = physicalIds.find(std::string(id));
      if (found == physicalIds.end()) return std::nullopt;
      return found->second;
    };
    context.resourceAttribute = [this](std::string_view id,
                                       std::string_view name) -> std::optional<stepsim::Json> {
      const auto found = attributes.find({std::string(id), std::string(name)});
      if (found == attributes.end()) return std::nullopt;
      return found->second;
    };
    context.importValue = [this](std::string_view name) -> std::optional<std::string> {
      const auto found = exports.find(std::string(name));
      if (found == exports.end()) return std::nullopt;
      return found->second;
    };
    return context;
  }

  Evaluator evaluator() const { return Evaluator(context()); }
  stepsim::Json evaluate(std::string_view text) const {
    return evaluator().evaluate(fragment(text));
  }
  std::map<std::string, bool> conditions() const { return evaluator().conditionValues(); }

  StackTemplate stackTemplate;
  std::map<std::string, stepsim::Json> parameters;
  std::map<std::string, stepsim::Json> physicalIds;
  std::map<std::pair<std::string, std::string>, stepsim::Json> attributes;
  std::map<std::string, std::string> exports;
};

}  // namespace stepsim::cfn::testing
