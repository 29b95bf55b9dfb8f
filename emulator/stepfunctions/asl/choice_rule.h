#pragma once
// Choice Rules of a Choice state (JSONPath query language).
//
// A rule is either a comparison ("Variable" plus exactly one operator: String*, Numeric*,
// Boolean*, Timestamp*, each also as a "...Path" form comparing with another node, StringMatches,
// IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp) or a boolean combination
// (And / Or: non-empty arrays of rules, Not: one rule), nested to any depth.
//
// AWS semantics: a Variable that matches nothing fails the execution with States.Runtime
// ("Invalid path '$.x': The choice state's condition path references an invalid value."), except
// for IsPresent; And/Or short-circuit, so an IsPresent guard protects the rules after it. A value
// of the wrong type makes a comparison false. Timestamps are RFC 3339 (upper-case T and Z, optional
// fraction, Z or a numeric offset) and compare as instants.
#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/json_fwd.h"

namespace stepsim::sfn {

class VariableLookup;

class ChoiceRule {
 public:
  // `rule` is one element of "Choices". A top-level rule may carry "Next" (exposed by next(); the
  // caller checks that it is there and names a state); a nested rule may not. Throws
  // AslSyntaxError naming the problem.
  static ChoiceRule parse(const stepsim::Json& rule, bool topLevel = true);

  // Throws StatesError States.Runtime when a Variable or a ...Path operand matches nothing (or
  // names a workflow variable that is not defined).
  bool matches(const stepsim::Json& input, const stepsim::Json& context,
               const VariableLookup* variables = nullptr) const;

  const std::optional<std::string>& next() const { return next_; }

  struct Node;

 private:
  ChoiceRule(std::shared_ptr<const Node> root, std::optional<std::string> next)
      : root_(std::move(root)), next_(std::move(next)) {}
  std::shared_ptr<const Node> root_;
  std::optional<std::string> next_;
};

// An instant with nanosecond precision (fractions beyond 9 digits are ignored).
struct Instant {
  std::int64_t seconds;  // since the Unix epoch, UTC
  std::int32_t nanos;
  auto operator<=>(const Instant&) const = default;
};

// RFC 3339 as Choice rules accept it: YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM), upper-case
// T and Z. nullopt when malformed.
std::optional<Instant> parseChoiceTimestamp(std::string_view text);

}  // namespace stepsim::sfn
