#pragma once
// Function signatures in JSONata syntax (`<s-nn?:s>`, `<af>`, `<a<n>:n>`, `<(sao)>`, `<x+>`...),
// validated as jsonata-js does: `m` (undefined) matches every simple type, `-` takes the context
// value when the argument is missing, a value given where an array is expected is wrapped.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "emulator/jsonata/value.h"

namespace stepsim::jsonata {

// Arguments as a function body sees them; most calls have a few, kept without a heap allocation.
using ArgumentList = boost::container::small_vector<Value, 4>;
inline std::span<const Value> view(const ArgumentList& args) { return {args.data(), args.size()}; }

class Signature {
 public:
  // Throws Error S0401/S0402 (bad signature syntax) at `position`.
  static Signature parse(std::string_view text, int position = 0);

  // The arguments a function body sees: validated, context substituted, arrays wrapped. Throws
  // T0410 (argument does not match), T0411 (context incompatible), T0412 (array item types)
  // naming `functionName` at `position`.
  ArgumentList validate(std::span<const Value> args, const Value& context, std::string_view functionName,
                              int position) const;

  std::size_t parameterCount() const { return params_.size(); }
  // Parameters that are not optional (`?`): what $map & co pass to a builtin, as jsonata-js
  // passes as many as the implementing JavaScript function declares before its defaults.
  std::size_t requiredCount() const;
  const std::string& text() const { return text_; }

  struct Param {
    std::string symbols;      // the type symbols accepted, e.g. "sm", "asnblfom"
    char type = 0;            // 's','n','b','l','o','a','f','j','x' or '(' for a choice
    char quantifier = 0;      // 0, '?' or '+'
    bool context = false;     // '-': the context value stands in for a missing argument
    std::string subtype;      // `a<n>`: the item type symbol(s); `f<...>`: the function signature
  };

 private:
  std::string text_;
  std::vector<Param> params_;
};

// jsonata-js's one-letter type symbol of a value: m undefined, l null, b s n a o f.
char typeSymbol(const Value& value);

}  // namespace stepsim::jsonata
