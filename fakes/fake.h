#pragma once
// Built-in Lambda handlers written in C++ ("Handler": "fake:<name>"). A fake gets the event and a
// context giving in-process access to the emulated services — through the same handlers HTTP uses
// — and returns a value or a function error, like a real handler that returns or raises. Fakes take
// no virtual time of their own and never throw for a bad event: that is a function error.
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::batch {
class BatchService;
}

namespace stepsim::fakes {

// What a fake may reach. Grows as services are added (Step Functions, ...).
struct FakeContext {
  batch::BatchService& batch;
  // Refuses, with core::AwsError AccessDeniedException, a call the function's role may not make
  // (`action` on `resource`, an ARN or "*"); empty when nothing is checked.
  std::function<void(const std::string& action, const std::string& resource)> authorize = {};
  std::string region = {}, account = {};  // where the function runs, for the ARNs it names

  void authorizeCall(const std::string& action, const std::string& resource) const {
    if (authorize) authorize(action, resource);
  }
};

// A function error, as Lambda reports it: {"errorType", "errorMessage"}.
struct FunctionError {
  std::string errorType;
  std::string errorMessage;
};

class FakeResult {
 public:
  static FakeResult value(stepsim::Json value) { return FakeResult(std::move(value)); }
  static FakeResult error(std::string errorType, std::string errorMessage) {
    return FakeResult(FunctionError{std::move(errorType), std::move(errorMessage)});
  }

  bool ok() const { return std::holds_alternative<stepsim::Json>(result_); }
  // The returned value; only when ok().
  const stepsim::Json& value() const { return std::get<stepsim::Json>(result_); }
  // The function error; only when !ok().
  const FunctionError& error() const { return std::get<FunctionError>(result_); }

 private:
  explicit FakeResult(std::variant<stepsim::Json, FunctionError> result)
      : result_(std::move(result)) {}
  std::variant<stepsim::Json, FunctionError> result_;
};

using FakeHandler = FakeResult (*)(FakeContext& context, const stepsim::Json& event);

struct Fake {
  std::string_view name;         // "batch-submit-job", used as "fake:batch-submit-job"
  std::string_view description;  // one line, for listings
  FakeHandler handler;

  FakeResult operator()(FakeContext& context, const stepsim::Json& event) const {
    return handler(context, event);
  }
};

// The fake called `name` (without the "fake:" prefix), or nullptr.
const Fake* findFake(std::string_view name);
// Every fake's name, sorted (for "unknown fake" messages).
std::vector<std::string> fakeNames();

// The fakes themselves, each in its own file; registered in registry.cpp.
FakeResult batchSubmitJob(FakeContext& context, const stepsim::Json& event);
FakeResult batchJobStatus(FakeContext& context, const stepsim::Json& event);
FakeResult echo(FakeContext& context, const stepsim::Json& event);

}  // namespace stepsim::fakes
