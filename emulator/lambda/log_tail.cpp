#include "emulator/lambda/log_tail.h"

#include <cmath>
#include <cstdio>

#include "emulator/core/base64.h"
#include "emulator/core/utf8.h"
#include "emulator/lambda/invocation.h"

namespace stepsim::lambda {

std::vector<std::string> invocationLogLines(std::string_view requestId, std::string_view version,
                                            std::string_view output, double durationMs,
                                            int memorySizeMb,
                                            std::optional<double> initDurationMs) {
  std::vector<std::string> lines;
  lines.push_back("START RequestId: " + std::string(requestId) +
                  " Version: " + std::string(version));
  while (!output.empty()) {
    std::size_t end = output.find('\n');
    lines.emplace_back(output.substr(0, end));
    if (end == std::string_view::npos) break;
    output.remove_prefix(end + 1);
  }
  lines.push_back("END RequestId: " + std::string(requestId));
  char report[160];
  std::snprintf(report, sizeof report,
                "\tDuration: %.2f ms\tBilled Duration: %lld ms\tMemory Size: %d MB\t", durationMs,
                static_cast<long long>(std::max(1.0, std::ceil(durationMs))), memorySizeMb);
  std::string reportLine = "REPORT RequestId: " + std::string(requestId) + report;
  if (initDurationMs) {
    char init[48];
    std::snprintf(init, sizeof init, "Init Duration: %.2f ms\t", *initDurationMs);
    reportLine += init;
  }
  lines.push_back(std::move(reportLine));
  return lines;
}

std::string invocationLogTail(std::string_view requestId, std::string_view version,
                              std::string_view output, double durationMs, int memorySizeMb,
                              std::optional<double> initDurationMs) {
  std::string log;
  for (const std::string& line :
       invocationLogLines(requestId, version, output, durationMs, memorySizeMb, initDurationMs))
    log.append(line).push_back('\n');
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
