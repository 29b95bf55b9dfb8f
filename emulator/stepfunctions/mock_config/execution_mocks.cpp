#include "emulator/stepfunctions/mock_config/execution_mocks.h"

#include "emulator/stepfunctions/asl/errors.h"

namespace stepsim::sfn {

ExecutionMocks::ExecutionMocks(std::shared_ptr<const MockConfig> config,
                               const MockTestCase& testCase)
    : config_(std::move(config)), testCase_(&testCase) {
  for (const auto& [state, response] : testCase.states)
    counters_.emplace(state, Counter{response, config_->response(response), 0});
}

std::optional<TaskOutcome> ExecutionMocks::next(std::string_view state) {
  auto it = counters_.find(state);
  if (it == counters_.end()) return std::nullopt;
  Counter& counter = it->second;
  std::int64_t invocation = counter.invocations++;
  const MockedAnswer* answer = counter.response ? counter.response->find(invocation) : nullptr;
  // Step Functions Local fails the execution when a mocked state runs out of answers;
  // States.Runtime is not caught by States.ALL, so Retry and Catch let it through the same way.
  if (!answer)
    throw StatesError(std::string(kStatesRuntime),
                      "The mocked response '" + counter.responseName + "' of test case '" +
                          testCase_->name + "' (state machine '" + testCase_->machineName +
                          "') gives no answer for invocation " + std::to_string(invocation) +
                          " of state '" + std::string(state) + "'");
  if (answer->isThrow) return TaskOutcome::failure(answer->error, answer->cause);
  return TaskOutcome::success(answer->result);
}

}  // namespace stepsim::sfn
