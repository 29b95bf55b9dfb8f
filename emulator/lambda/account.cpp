// GetAccountSettings: Lambda's default quotas and what this simulation uses of them.
#include "emulator/lambda/handlers.h"

namespace stepsim::lambda {

json getAccountSettings(LambdaState& s, const json& in) {
  std::int64_t totalCodeSize = 0;
  for (const auto& [name, fn] : s.functions) {
    // Every stored package counts, $LATEST and each version, as Lambda counts storage.
    totalCodeSize += fn->latest.codeSize;
    for (const auto& [number, version] : fn->versions) totalCodeSize += version.codeSize;
  }
  return {{"AccountLimit",
           {{"TotalCodeSize", 80530636800},
            {"CodeSizeUnzipped", 262144000},
            {"CodeSizeZipped", 52428800},
            {"ConcurrentExecutions", 1000},
            {"UnreservedConcurrentExecutions", 1000}}},
          {"AccountUsage",
           {{"TotalCodeSize", totalCodeSize},
            {"FunctionCount", static_cast<std::int64_t>(s.functions.size())}}}};
}

}  // namespace stepsim::lambda
