#pragma once
// The machinery behind Evaluator (internal): resolves intrinsic functions and condition
// expressions against one stack's context.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "emulator/cloudformation/template/intrinsics.h"

namespace stepsim::cfn {

class Resolver {
 public:
  // The value of the condition called `name`; nullopt when the template declares none. `depth`
  // carries the evaluation depth across conditions that name other conditions.
  using ConditionLookup =
      std::function<std::optional<bool>(const std::string& name, std::size_t depth)>;

  Resolver(const StackContext& context, ConditionLookup conditionNamed);

  // `value` with every intrinsic function resolved; nullopt when it is AWS::NoValue.
  std::optional<stepsim::Json> resolve(const stepsim::Json& value, std::size_t depth) const;

  // A condition expression: Fn::Equals, Fn::And, Fn::Or, Fn::Not or {"Condition": Name}.
  bool condition(const stepsim::Json& expression, std::size_t depth) const;

 private:
  using Function = std::optional<stepsim::Json> (Resolver::*)(const stepsim::Json& argument,
                                                              std::size_t depth) const;
  static const std::map<std::string, Function, std::less<>>& functions();

  std::optional<stepsim::Json> call(const std::string& name, const stepsim::Json& argument,
                                    std::size_t depth) const;
  std::optional<stepsim::Json> ref(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> getAtt(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> sub(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> ifFunction(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> join(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> select(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> split(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> findInMap(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> getAZs(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> base64(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> importValue(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> cidr(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> length(const stepsim::Json& argument, std::size_t depth) const;
  std::optional<stepsim::Json> toJsonString(const stepsim::Json& argument, std::size_t depth) const;

  // Resolved, where AWS::NoValue is an error (`function` names the caller in the message).
  stepsim::Json required(const stepsim::Json& value, std::size_t depth,
                         std::string_view function) const;
  // Resolved to a scalar's text; nullopt when it gives something else.
  std::optional<std::string> text(const stepsim::Json& value, std::size_t depth) const;
  // A list argument: a literal list (elements resolved, AWS::NoValue ones dropped) or a
  // function giving one; nullopt when it is neither.
  std::optional<stepsim::Json> list(const stepsim::Json& value, std::size_t depth) const;
  std::string subVariable(const std::string& name, const stepsim::Json& variables,
                          std::size_t depth) const;
  bool namedCondition(const stepsim::Json& name, std::size_t depth) const;
  bool equals(const stepsim::Json& argument, std::size_t depth) const;
  bool allOrAny(const stepsim::Json& argument, std::size_t depth, bool all,
                std::string_view function) const;

  // The size budget of one evaluation: every value a function makes or copies in (a parameter,
  // a mapping, a joined string) is charged; past kMaxEvaluatedBytes it throws TemplateError.
  void charge(const stepsim::Json& value) const;
  // Appends `piece` to `text` (a string a function is building) within the budget.
  void appendWithinBudget(std::string& text, std::string_view piece) const;

  const StackTemplate& stackTemplate() const;
  std::optional<stepsim::Json> pseudoParameter(std::string_view name) const;
  // A resource Ref or Fn::GetAtt may use: declared, and created unless its condition is false.
  void checkCreated(const std::string& logicalId) const;
  bool languageExtensions() const;

  const StackContext& context_;
  ConditionLookup conditionNamed_;
  mutable std::size_t charged_ = 0;
};

// The most one evaluation (a resource's properties, an output) may produce: room for any real
// template's values (a template body is at most 1 MiB), not for a Fn::Join or Fn::Sub that
// copies a parameter a million times or Fn::Base64 nested a hundred deep.
inline constexpr std::size_t kMaxEvaluatedBytes = 2 * 1024 * 1024;

// Throws TemplateError when an evaluation has recursed `depth` levels: deeper than values nest
// and than conditions naming conditions need.
void checkEvaluationDepth(std::size_t depth);

// Every condition the context's template declares, evaluated.
std::map<std::string, bool> evaluateConditions(const StackContext& context);

}  // namespace stepsim::cfn
