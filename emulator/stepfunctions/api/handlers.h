#pragma once
// One function per Step Functions operation: the bound request in, the output object out; throws
// core::AwsError with the service's modeled exceptions for client mistakes.
#include <functional>

#include "emulator/stepfunctions/api/sfn_state.h"

namespace stepsim::sfn {

json createStateMachine(SfnState& s, const json& in);
json describeStateMachine(SfnState& s, const json& in);
json listStateMachines(SfnState& s, const json& in);
json updateStateMachine(SfnState& s, const json& in);
json deleteStateMachine(SfnState& s, const json& in);
json describeStateMachineForExecution(SfnState& s, const json& in);
json validateStateMachineDefinition(SfnState& s, const json& in);

json publishStateMachineVersion(SfnState& s, const json& in);
json listStateMachineVersions(SfnState& s, const json& in);
json deleteStateMachineVersion(SfnState& s, const json& in);
// Publishes `m`'s current revision as a new version (or answers the latest one when it holds the
// same revision and description); ServiceQuotaExceededException past 1,000 versions.
MachineVersion& publishVersion(SfnState& s, StateMachine& m, const std::string& description);
// A request's versionDescription; ValidationException when it comes without publish.
std::string versionDescriptionOf(const json& in);

json createStateMachineAlias(SfnState& s, const json& in);
json describeStateMachineAlias(SfnState& s, const json& in);
json updateStateMachineAlias(SfnState& s, const json& in);
json listStateMachineAliases(SfnState& s, const json& in);
json deleteStateMachineAlias(SfnState& s, const json& in);
// ConflictException when an alias routes to `version`, which is then not to be deleted.
void checkNoAliasRoutesTo(const StateMachine& m, const MachineVersion& version);

json describeMapRun(SfnState& s, const json& in);
json listMapRuns(SfnState& s, const json& in);
json updateMapRun(SfnState& s, const json& in);

json startExecution(SfnState& s, const json& in);
json describeExecution(SfnState& s, const json& in);
json listExecutions(SfnState& s, const json& in);
json stopExecution(SfnState& s, const json& in);
json getExecutionHistory(SfnState& s, const json& in);
json redriveExecution(SfnState& s, const json& in);
// Why RedriveExecution would refuse `e` now (DescribeExecution's redriveStatusReason), or nothing
// when it may be redriven.
std::optional<std::string> notRedrivableReason(const SfnState& s, const Execution& e);

json createActivity(SfnState& s, const json& in);
json describeActivity(SfnState& s, const json& in);
json listActivities(SfnState& s, const json& in);
json deleteActivity(SfnState& s, const json& in);
// GetActivityTask's request checks (the long poll itself is StepFunctionsService::getActivityTask).
void checkActivityTaskRequest(SfnState& s, const json& in);

json sendTaskSuccess(SfnState& s, const json& in);
json sendTaskFailure(SfnState& s, const json& in);
json sendTaskHeartbeat(SfnState& s, const json& in);

json tagResource(SfnState& s, const json& in);
json untagResource(SfnState& s, const json& in);
json listTagsForResource(SfnState& s, const json& in);

// What a start named besides the machine: a version, or an alias and the version it chose.
struct StartedOn {
  const MachineVersion* version = nullptr;
  const MachineAlias* alias = nullptr;
};

// Starts an execution of `machine` (names, input and idempotency checked) and returns it; shared
// by StartExecution, StartSyncExecution and nested executions. `mocks`: a test case's;
// `synchronous`: started by StartSyncExecution.
Execution& launchExecution(SfnState& s, StateMachine& machine, const json& in,
                           std::shared_ptr<ExecutionMocks> mocks = nullptr,
                           bool synchronous = false, StartedOn on = {});

// StartExecution and StartSyncExecution also take "<machine ARN>#<TestCase>", as Step Functions
// Local does: the machine, and the mocks of that test case of the mock config (null for a plain
// ARN). Throws StateMachineDoesNotExist / InvalidArn.
struct StartTarget {
  StateMachine& machine;
  std::shared_ptr<ExecutionMocks> mocks;
  StartedOn on;
};
StartTarget resolveStartTarget(SfnState& s, std::string_view stateMachineArn);
// A machine, version or alias ARN as the start operations take it: an alias picks one of its
// versions by weight from the seeded stream "sfn-alias-routing". StateMachineDoesNotExist for an
// unknown one.
StartTarget startTargetOf(SfnState& s, std::string_view stateMachineArn);
// A finished execution as StartSyncExecution and .sync nested executions describe it.
json syncExecutionResult(const Execution& e);
// StartSyncExecution's answer: that, plus the billing of the express execution.
json syncStartResult(const Execution& e);

// Adds `tags` ([{key, value}]) to a resource's tags; TooManyTags past AWS's 50 per resource.
void addTags(StringMap& tags, const json& list, const std::string& resourceArn);

// Input limits: execution input (and output) at most 256 KiB.
inline constexpr std::size_t kMaxInputBytes = 256 * 1024;

}  // namespace stepsim::sfn
