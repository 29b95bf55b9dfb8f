#pragma once
// The matches of a `(sf)` pattern argument ($split, $match, $replace): a literal string, a regex
// literal (whose matches after the first must be non-empty: D1004, as jsonata-js), or a custom
// matcher function returning {match, start, end, groups, next} objects.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/jsonata/function_registry.h"

namespace stepsim::jsonata {

struct PatternMatch {
  std::size_t start = 0, end = 0;  // byte offsets into the subject
  std::vector<Value> groups;       // regex capture groups as strings (undefined when unmatched)
};

// Up to `limit` successive non-overlapping matches of `pattern` in `subject`. A literal pattern
// must not be empty (the caller reports its own error code before calling).
std::vector<PatternMatch> findMatches(CallContext& context, const Value& pattern, std::string_view subject,
                                      std::optional<std::size_t> limit = std::nullopt);

// Whether `pattern` matches anywhere in `subject` (only the first match is looked for: an empty
// one counts, as in jsonata-js's $contains).
bool containsMatch(CallContext& context, const Value& pattern, std::string_view subject);

// JavaScript string index (UTF-16 code units) of a byte offset: what jsonata-js reports as `index`.
std::size_t javascriptIndex(std::string_view subject, std::size_t byteOffset);
// The byte offset of a JavaScript string index (clamped to the subject).
std::size_t byteOffsetOf(std::string_view subject, double javascriptIndex);

}  // namespace stepsim::jsonata
