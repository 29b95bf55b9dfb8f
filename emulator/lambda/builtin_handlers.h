#pragma once
// The seam through which built-in handlers ("Handler": "fake:<name>") reach the Lambda service.
// The fakes live in fakes/ and call other services, so the composition root (emulator/app)
// provides them; the Lambda service only needs to check a name and run one.
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::lambda {

inline constexpr std::string_view kFakeHandlerPrefix = "fake:";

// What a handler run produced: a value, or a function error (errorType, errorMessage).
struct HandlerResult {
  bool failed = false;
  stepsim::Json value;  // the returned value, when !failed
  std::string errorType, errorMessage;
};

class BuiltinHandlers {
 public:
  virtual ~BuiltinHandlers() = default;
  virtual bool has(std::string_view name) const = 0;
  // Every name, sorted, for "unknown fake" messages.
  virtual std::vector<std::string> names() const = 0;
  // Runs the handler called `name` in-process for a function whose execution role is `roleArn`
  // (what its calls are checked against). Never throws for a bad event: that is a failure.
  virtual HandlerResult run(std::string_view name, const stepsim::Json& event,
                            const std::string& roleArn) = 0;
};

}  // namespace stepsim::lambda
