#pragma once
// The mocks one execution runs with: its test case, and one invocation counter per mocked state
// that counts every time the state would call its service — each retry attempt and each Map
// iteration included — as Step Functions Local counts them.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/stepfunctions/engine/integrations.h"
#include "emulator/stepfunctions/mock_config/mock_config.h"

namespace stepsim::sfn {

class ExecutionMocks {
 public:
  // `testCase` belongs to `config`, which this keeps alive.
  ExecutionMocks(std::shared_ptr<const MockConfig> config, const MockTestCase& testCase);

  // nullopt when `state` is not mocked (it runs for real). Otherwise counts this invocation and
  // returns the mocked outcome; throws StatesError(States.Runtime) when the response has no
  // answer for this invocation number.
  std::optional<TaskOutcome> next(std::string_view state);

  const MockTestCase& testCase() const { return *testCase_; }

 private:
  struct Counter {
    std::string responseName;
    const MockedResponse* response = nullptr;
    std::int64_t invocations = 0;
  };
  std::shared_ptr<const MockConfig> config_;
  const MockTestCase* testCase_;
  std::map<std::string, Counter, std::less<>> counters_;  // by state name
};

}  // namespace stepsim::sfn
