#pragma once
// Virtual time is counted in milliseconds since the Unix epoch (UTC).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stepsim::core {

using TimeMs = std::int64_t;

// Seconds since the epoch, as the JSON protocols give timestamps (the Query protocol's encoder
// writes them as ISO 8601).
inline double epochSeconds(TimeMs t) {
  return static_cast<double>(t) / 1000.0;
}

// "2026-01-01T00:00:00.000Z"
std::string formatIso8601(TimeMs t);
// HTTP's Date header (RFC 7231): "Thu, 01 Jan 2026 00:00:00 GMT"
std::string formatHttpDate(TimeMs t);
// Lambda style: "2026-01-01T00:00:00.000+0000"
std::string formatIso8601Offset(TimeMs t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM|±HHMM)" and "YYYY-MM-DD"; nullopt if malformed.
std::optional<TimeMs> parseIso8601(std::string_view text);

}  // namespace stepsim::core
