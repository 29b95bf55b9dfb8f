#pragma once
// Timestamps as $fromMillis / $toMillis / $now write and read them: ISO 8601 by default, or an
// XPath/XQuery 3.1 fn:format-dateTime picture ("[Y0001]-[M01]-[D01]", "[FNn], [D1o] [MNn]",
// "[h]:[m01][P]", "[Z01:01]"...), as jsonata-js implements it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/jsonata/functions/number_format.h"
#include "emulator/jsonata/jsonata.h"

namespace stepsim::jsonata::datetime {

// `millis` (an integer number of milliseconds) in `picture` (ISO 8601 when absent) at the UTC
// offset `timezone` ("±HHMM", UTC when absent). nullopt and `error` for a bad picture.
std::optional<std::string> format(std::int64_t millis, std::optional<std::string_view> picture,
                                  std::optional<std::string_view> timezone, numbers::FormatError& error);

// An ISO 8601 timestamp ("2017-11-07", "2017-11-07T15:07:54.972Z", "...+01:00"); nullopt when
// the text is not one.
std::optional<std::int64_t> parseIso(std::string_view text);

struct Parsed {
  bool ok = true;                      // false: `error` says why
  std::optional<std::int64_t> millis;  // nullopt: the text does not match the picture
  numbers::FormatError error;
};
// `text` read with `picture`; components the picture lacks default as jsonata-js does (more
// significant ones from `nowMillis`, less significant ones to their minimum). The text is
// matched by a regex under `limits` (Error U1004 at `position`).
Parsed parse(std::string_view text, std::string_view picture, std::int64_t nowMillis, const Limits& limits,
             int position);

}  // namespace stepsim::jsonata::datetime
