#pragma once
// JSONPath as the Amazon States Language uses it (Jayway JsonPath semantics, which AWS runs).
//
//   $ / $$ / $name    the input / the context object / the workflow variable `name`
//   .name ['a b'] ["x"]  child by name        .* [*]          every child
//   [2] [-1]             index (negative from the end)
//   [1:3] [::2] [-2:]    slice (Python semantics)     [0,2] ['a','b']  union
//   [?(@.a > 1 && @.b == 'x')]  filter: == != < <= > >= && || ! ( ), existence [?(@.a)],
//                        string/number/true/false/null literals, nested @ and $ paths
//   ..name ..* ..[0]     deep scan (every level, pre-order)
//
// A path is compiled once into segments; evaluation walks them without building strings.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json_fwd.h"

namespace stepsim::sfn {

class JsonPath {
 public:
  // The root path "$".
  JsonPath();
  // Throws AslSyntaxError with a plain-words reason.
  static JsonPath parse(std::string_view text);

  const std::string& text() const;
  // Starts with "$$": evaluated against the context object.
  bool isContext() const;
  // Starts with "$name": evaluated against the variable's value (see asl/variables.h).
  bool isVariable() const;
  const std::string& variable() const;  // the name without '$', or empty
  // Only names and non-negative indexes: a Reference Path (ResultPath, Choice Variable, ...).
  bool isReference() const;
  // Only names and indexes (negative allowed): can match at most one node.
  bool isDefinite() const;

  // Every match, in document order.
  std::vector<const stepsim::Json*> select(const stepsim::Json& root) const;
  void select(const stepsim::Json& root, std::vector<const stepsim::Json*>& out) const;

  // Definite paths only (else nullptr): the node, or nullptr when nothing matches. No copies.
  const stepsim::Json* find(const stepsim::Json& root) const;

  // AWS semantics for a value-producing path (InputPath, OutputPath, "x.$" fields):
  //  - a definite path yields its node, nullopt when it matches nothing; as on AWS (Jayway over
  //    Jackson), an out-of-range index as the *last* step into an existing array yields null;
  //  - any other path yields a JSON array of the matches (possibly empty).
  std::optional<stepsim::Json> evaluate(const stepsim::Json& root) const;
  // Why the path matches nothing in `root`, as Jayway says it: "No results for path: $['a']['b']"
  // when only the last step is missing, else "Missing property in path $['a']". Empty when it
  // matches.
  std::string describeMiss(const stepsim::Json& root) const;
  // The same without copying when the result is a node: returns the node, or `scratch` filled
  // with the array of matches (indefinite paths) / null (the out-of-range quirk); nullptr when a
  // definite path matches nothing.
  const stepsim::Json* evaluate(const stepsim::Json& root, stepsim::Json& scratch) const;

  // ResultPath: writes `value` at this reference path inside `target`, creating objects along the
  // way; "$" replaces target. Throws StatesError States.ResultPathMatchFailure ("Unable to apply
  // ReferencePath $.a.b to input ...") when the path runs into a non-object, leaving `target`
  // unchanged. The path must be a reference path on the input ($, not $$).
  void assign(stepsim::Json& target, stepsim::Json value) const;

  struct Impl;

 private:
  explicit JsonPath(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

// A Reference Path, checked: throws AslSyntaxError when `text` is not a valid path or can select
// more than one node.
JsonPath parseReferencePath(std::string_view text);

}  // namespace stepsim::sfn
