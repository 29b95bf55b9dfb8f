#pragma once
// Where a function's log goes: CloudWatch Logs on AWS, which the composition root connects.
// Lambda writes each invocation's lines to the group "/aws/lambda/<function>", in a stream per
// function version named as AWS names them ("2026/01/01/[$LATEST]<32 hex>").
#include <functional>
#include <string>
#include <vector>

#include "emulator/core/time_types.h"

namespace stepsim::lambda {

struct LogLine {
  core::TimeMs timestamp = 0;
  std::string message;
};

using LogWriter = std::function<void(const std::string& group, const std::string& stream,
                                     std::vector<LogLine> lines)>;

}  // namespace stepsim::lambda
