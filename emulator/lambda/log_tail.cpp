#include "emulator/lambda/log_tail.h"

#include <cmath>
#include <cstdio>

#include "emulator/core/base64.h"
#include "emulator/core/utf8.h"
#include "emulator/lambda/invocation.h"

namespace stepsim::lambda {

std::string invocationLogTail(std::string_view requestId, std::string_view version,
                              std::string_view output, double durationMs, int memorySizeMb) {
  std::string log;
  log.append("START RequestId: ").append(requestId).append(" Version: ").append(version);
  log.push_back('\n');
  log.append(output);
  if (!output.empty() && output.back() != '\n') log.push_back('\n');
  log.append("END RequestId: ").append(requestId).push_back('\n');
  char report[160];
  std::snprintf(report, sizeof report,
                "\tDuration: %.2f ms\tBilled Duration: %lld ms\tMemory Size: %d MB\t\n", durationMs,
                static_cast<long long>(std::max(1.0, std::ceil(durationMs))), memorySizeMb);
  log.append("REPORT RequestId: ").append(requestId).append(report);
  std::string_view tail(log);
  if (tail.size() > kLogTailBytes) {
    tail.remove_prefix(tail.size() - kLogTailBytes);
    // Start on a character boundary.
    while (!tail.empty() && (static_cast<unsigned char>(tail.front()) & 0xC0) == 0x80)
      tail.remove_prefix(1);
  }
  return core::encodeBase64(tail);
}

}  // namespace stepsim::lambda
