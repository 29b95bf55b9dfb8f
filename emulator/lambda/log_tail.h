#pragma once
// An invocation's log as CloudWatch holds it: START, what the code printed (one line each), END,
// REPORT. Lambda writes these lines to the function's log group; LogType: Tail returns their last
// 4 KB, base64-encoded.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepsim::lambda {

// `initDurationMs`: the worker's init phase, on the first invocation it served (REPORT's "Init
// Duration", which AWS does not bill).
std::vector<std::string> invocationLogLines(std::string_view requestId, std::string_view version,
                                            std::string_view output, double durationMs,
                                            int memorySizeMb,
                                            std::optional<double> initDurationMs = std::nullopt);

std::string invocationLogTail(std::string_view requestId, std::string_view version,
                              std::string_view output, double durationMs, int memorySizeMb,
                              std::optional<double> initDurationMs = std::nullopt);

}  // namespace stepsim::lambda
