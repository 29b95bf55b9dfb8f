#pragma once
// Intrinsic functions (States.Format, States.Array, ...), parsed once into a call tree.
//
// Arguments: 'string literals' (escapes \' \{ \} \\), numbers, true/false/null, JSONPaths against
// the input ($...), the context object ($$...) or a variable ($name...), and nested calls (at most
// 10 deep).
// Parse problems throw AslSyntaxError. Problems at run time (wrong argument count, type or value,
// a path argument that matches nothing) throw StatesError with AWS's error name, States.Runtime,
// and a cause worded like AWS's:
//   The function 'States.Format('{}', $.nope)' had the following error: The JsonPath argument for
//   the field '$.nope' could not be found in the input '{"other":1}'
//   The function 'States.MathAdd($.a, 1)' had the following error: Invalid arguments in
//   States.MathAdd
#include <memory>
#include <string>
#include <string_view>

#include "emulator/core/json_fwd.h"

namespace stepsim::core {
class Random;
}

namespace stepsim::sfn {

class VariableLookup;

struct EvalContext {
  const stepsim::Json& input;
  const stepsim::Json& context;
  core::Random& random;  // States.UUID and unseeded States.MathRandom draw from it
  const VariableLookup* variables = nullptr;  // $name paths; none defined when null
};

class IntrinsicCall {
 public:
  static IntrinsicCall parse(std::string_view text);
  stepsim::Json evaluate(const EvalContext& ctx) const;
  const std::string& text() const;

  struct Node;

 private:
  IntrinsicCall(std::string text, std::shared_ptr<const Node> root)
      : text_(std::move(text)), root_(std::move(root)) {}
  std::string text_;
  std::shared_ptr<const Node> root_;
};

// True when `text` is written as an intrinsic call ("States." prefix).
bool looksLikeIntrinsic(std::string_view text);

}  // namespace stepsim::sfn
