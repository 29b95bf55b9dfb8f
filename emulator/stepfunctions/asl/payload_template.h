#pragma once
// Payload templates: Parameters, ResultSelector, ItemSelector and the Map state's legacy
// Parameters. A JSON value in which an object key ending in ".$" takes its value, under the key
// without the suffix, from a path ("$..." against the input, "$$..." against the context object)
// or from an intrinsic call. Nested objects and arrays are processed recursively.
//
// Compiled once; a template without dynamic parts evaluates to a precomputed copy.
#include <memory>

#include "emulator/core/json_fwd.h"
#include "emulator/stepfunctions/asl/intrinsics.h"

namespace stepsim::sfn {

class PayloadTemplate {
 public:
  // Throws AslSyntaxError: "The value for the field 'x.$' must be a valid JSONPath or a valid
  // intrinsic function call", or a key given both with and without ".$".
  static PayloadTemplate parse(const stepsim::Json& tmpl);

  // Throws StatesError States.Runtime when a path matches nothing ("The JSONPath '$.x' specified
  // for the field 'x.$' could not be found in the input '{...}'") or an intrinsic fails.
  stepsim::Json evaluate(const EvalContext& ctx) const;

  // True when the template has no ".$" field anywhere.
  bool isStatic() const;

  struct Node;

 private:
  explicit PayloadTemplate(std::shared_ptr<const Node> root) : root_(std::move(root)) {}
  std::shared_ptr<const Node> root_;
};

}  // namespace stepsim::sfn
