#pragma once
// Field values of JSONata states (Arguments, Output, Assign, Items, ItemSelector, Seconds, ...):
// any JSON value in which a string written exactly "{% expression %}" is a JSONata expression,
// at the top or anywhere inside objects and arrays. Compiled once; static parts evaluate to a
// precomputed copy.
//
// Expressions read `$states` (input, context, and where the state has them result and
// errorOutput) and the workflow variables they mention. An expression that fails or yields
// nothing fails the state with States.QueryEvaluationError, worded as AWS words it:
//   The JSONata expression '$states.input.x' specified for the field 'Arguments/Payload'
//   returned nothing (undefined).
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "emulator/core/json_fwd.h"

namespace stepsim::jsonata {
struct Environment;
}

namespace stepsim::sfn {

class VariableLookup;

inline constexpr std::string_view kStatesQueryEvaluationError = "States.QueryEvaluationError";

// What an expression can read besides JSONata's built-in functions.
struct JsonataInputs {
  const stepsim::Json& input;    // $states.input
  const stepsim::Json& context;  // $states.context
  const stepsim::Json* result = nullptr;       // $states.result: Task, Parallel, Map results
  const stepsim::Json* errorOutput = nullptr;  // $states.errorOutput: in a Catch
  const VariableLookup* variables = nullptr;
  const jsonata::Environment* environment = nullptr;  // the simulation's clock and random
};

class JsonataTemplate {
 public:
  // `field` names the value in messages ("Output", "Arguments", "Choices[0]/Condition"); nested
  // values add "/key" or "/index". Throws AslSyntaxError for an expression that does not parse.
  static JsonataTemplate parse(const stepsim::Json& value, std::string field);

  // Throws StatesError States.QueryEvaluationError.
  stepsim::Json evaluate(const JsonataInputs& in) const;

  // The whole value is one expression: its text (for type errors about the result), else empty.
  const std::string& expressionText() const;
  const std::string& field() const;
  bool isStatic() const;
  // Every `$name` the expressions read, other than $states.
  void collectVariables(std::set<std::string>& out) const;

  struct Node;

 private:
  explicit JsonataTemplate(std::shared_ptr<const Node> root) : root_(std::move(root)) {}
  std::shared_ptr<const Node> root_;
};

// Whether `value` is a string written "{% ... %}".
bool isJsonataExpression(const stepsim::Json& value);
// Whether `value` has such a string anywhere.
bool containsJsonataExpression(const stepsim::Json& value);

// The JSONata type name of a value, as AWS names it in type errors: string, number, boolean,
// null, array, object.
std::string jsonataTypeName(const stepsim::Json& value);
// "The JSONata expression 'E' specified for the field 'F' returned an unexpected result type.
// Expected 'T', but was 'U' for value: V" (for a static value: "The field 'F' ...").
std::string unexpectedTypeCause(const JsonataTemplate& tmpl, std::string_view expected,
                                const stepsim::Json& value);

}  // namespace stepsim::sfn
