#pragma once
// CloudWatch Logs filter patterns for unstructured events: terms that must all appear
// (`ERROR Job`), quoted phrases (`"job failed"`), terms of which one must appear (`?ERROR
// ?WARN`), and terms that must not (`-DEBUG`), matched case-sensitively. JSON (`{ $.x = 1 }`) and
// space-delimited (`[ip, user]`) patterns are refused with InvalidParameterException, rather than
// matched wrongly.
#include <string>
#include <string_view>
#include <vector>

namespace stepsim::logs {

class FilterPattern {
 public:
  // Throws core::AwsError InvalidParameterException for a pattern it cannot read.
  explicit FilterPattern(std::string_view pattern);
  bool matches(std::string_view message) const;

 private:
  std::vector<std::string> required_, anyOf_, excluded_;
};

}  // namespace stepsim::logs
