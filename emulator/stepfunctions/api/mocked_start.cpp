// "<machine ARN>#<TestCase>": Step Functions Local's way to start an execution with a test case of
// its mock config. The execution is otherwise the machine's own (its ARN, DescribeExecution's
// stateMachineArn), as Step Functions Local reports it.
#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/handlers.h"
#include "emulator/stepfunctions/mock_config/execution_mocks.h"

namespace stepsim::sfn {

StartTarget resolveStartTarget(SfnState& s, std::string_view arn) {
  std::size_t hash = arn.find('#');
  if (hash == std::string_view::npos) return startTargetOf(s, arn);
  StateMachine& machine = s.machine(arn.substr(0, hash));
  std::string name(arn.substr(hash + 1));
  // InvalidArn: StartExecution models no error for a missing test case, and what is wrong is the
  // stateMachineArn the client sent (the machine exists; its "#<TestCase>" names nothing). A
  // ValidationException would say the request is malformed, which it is not.
  std::string prefix = "Invalid Arn: '" + std::string(arn) + "': ";
  if (!s.mockConfig)
    invalidArn(prefix + "no mock config is loaded to run test case '" + name +
               "' (start the server with --mock-config FILE or SFN_MOCK_CONFIG)");
  const MockTestCase* testCase = s.mockConfig->testCase(machine.name, name);
  if (!testCase) {
    auto cases = s.mockConfig->machines.find(machine.name);
    std::string known;
    if (cases != s.mockConfig->machines.end())
      for (const auto& entry : cases->second) known += (known.empty() ? "" : ", ") + entry.first;
    invalidArn(prefix + "the mock config has no test case '" + name + "' for state machine '" +
               machine.name + "'" +
               (known.empty() ? " (it has none for this state machine)"
                              : " (its test cases: " + known + ")"));
  }
  return {machine, std::make_shared<ExecutionMocks>(s.mockConfig, *testCase), {}};
}

}  // namespace stepsim::sfn
