#pragma once
// An invocation's log as CloudWatch holds it: START, what the code printed (one line each), END,
// REPORT. Lambda writes these lines to the function's log group; LogType: Tail returns their last
// 4 KB, base64-encoded.
#include <string>
#include <string_view>
#include <vector>

namespace stepsim::lambda {

std::vector<std::string> invocationLogLines(std::string_view requestId, std::string_view version,
                                            std::string_view output, double durationMs,
                                            int memorySizeMb);

std::string invocationLogTail(std::string_view requestId, std::string_view version,
                              std::string_view output, double durationMs, int memorySizeMb);

}  // namespace stepsim::lambda
