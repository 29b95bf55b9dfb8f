#pragma once
// JSONata 2.x (https://docs.jsonata.org), the second query language of Step Functions: compile an
// expression once, evaluate it many times against JSON. This header is the whole public surface;
// the Step Functions engine uses nothing else of emulator/jsonata.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::jsonata {

using Json = stepsim::Json;

// Every failure, at compile or evaluation time, carries JSONata's code ("S0201", "T2001",
// "D3001", ...) and the character position in the expression text it applies to (as jsonata-js
// reports it: the offset just past the offending token), plus the token when there is one.
class Error : public std::runtime_error {
 public:
  Error(std::string code, int position, std::string token, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)), position_(position), token_(std::move(token)) {}
  const std::string& code() const { return code_; }
  int position() const { return position_; }
  const std::string& token() const { return token_; }

 private:
  std::string code_;
  int position_;
  std::string token_;
};

// Bounds that turn hostile or runaway expressions into errors instead of crashes or hangs.
struct Limits {
  int maxDepth = 500;                      // nested evaluation / recursion depth (error U1001)
  std::uint64_t maxSteps = 10'000'000;     // evaluation steps per evaluate() (error U1002)
  std::uint64_t maxRangeSize = 10'000'000; // [a..b] items (error D2014, as jsonata-js)
  std::uint64_t maxResultItems = 10'000'000;  // items of any one array or string built (U1003)
  std::uint32_t regexMatchLimit = 1'000'000;  // PCRE2 match limit per search (error U1004)
  std::uint32_t regexDepthLimit = 10'000;     // PCRE2 backtracking depth limit (error U1004)
};

// Everything an evaluation would otherwise read from the machine, so results are deterministic.
struct Environment {
  std::int64_t nowMillis = 0;          // $now() and $millis(): the same value within one evaluate()
  std::function<double()> random;      // uniform in [0, 1): $random(), $uuid(), $shuffle()
  Limits limits;
};

// The variables an expression sees besides the built-in functions, by name without the `$`.
// Values are borrowed: everything they point to must outlive the evaluate() call. A binding is
// either one JSON value, or an object assembled from borrowed members (Step Functions' `$states`,
// whose `input` and `context` are not copied for every evaluation).
struct Binding {
  std::string_view name;
  const Json* value = nullptr;                                 // set for a plain value
  std::vector<std::pair<std::string_view, const Json*>> members;  // else: an object of these
};
using Bindings = std::vector<Binding>;

class Expression {
 public:
  // Parses `text` (the part between `{%` and `%}` in Step Functions). Throws Error (S0xxx codes)
  // with the position of the syntax error.
  static Expression compile(std::string_view text);

  const std::string& text() const;
  // The `$name`s the expression reads that it does not bind itself (with := or as lambda
  // parameters), excluding the built-in functions: Step Functions checks these at
  // CreateStateMachine. Sorted, unique, without the `$`.
  const std::vector<std::string>& freeVariables() const;
  // The built-in functions it names (not shadowed by a binding), sorted, without the `$`: Step
  // Functions refuses some of them ($eval) at CreateStateMachine.
  const std::vector<std::string>& builtinsUsed() const;

  // Evaluates against `input` (the context `$` / the root `$$`). The result is nullopt when the
  // expression yields nothing (JSONata's undefined). Throws Error (T/D/U codes) on failure. A
  // function as the result is an error (T2015-like: it cannot be serialized to JSON). Safe to call
  // from several threads at once on one Expression.
  std::optional<Json> evaluate(const Json& input, const Bindings& bindings, const Environment& environment) const;

  struct Compiled;  // the parsed program, immutable

 private:
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace stepsim::jsonata
