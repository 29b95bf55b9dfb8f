#pragma once
// What LogType: Tail returns: the invocation's log as CloudWatch would hold it (START, what the
// code printed, END, REPORT), cut to its last 4 KB and base64-encoded.
#include <string>
#include <string_view>

namespace stepsim::lambda {

std::string invocationLogTail(std::string_view requestId, std::string_view version,
                              std::string_view output, double durationMs, int memorySizeMb);

}  // namespace stepsim::lambda
