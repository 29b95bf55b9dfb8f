// The operation table: model operation name → handler.
#include "emulator/stepfunctions/api/sfn_service.h"

#include "emulator/core/operation_table.h"
#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/handlers.h"
#include "emulator/stepfunctions/test_state/state_tester.h"

namespace stepsim::sfn {

namespace {

using Handler = json (*)(SfnState&, const json&);

// Sorted by name for binary search.
constexpr core::OperationTable<Handler, 34> kHandlers = {{
    {"CreateActivity", createActivity},
    {"CreateStateMachine", createStateMachine},
    {"CreateStateMachineAlias", createStateMachineAlias},
    {"DeleteActivity", deleteActivity},
    {"DeleteStateMachine", deleteStateMachine},
    {"DeleteStateMachineAlias", deleteStateMachineAlias},
    {"DeleteStateMachineVersion", deleteStateMachineVersion},
    {"DescribeActivity", describeActivity},
    {"DescribeExecution", describeExecution},
    {"DescribeMapRun", describeMapRun},
    {"DescribeStateMachine", describeStateMachine},
    {"DescribeStateMachineAlias", describeStateMachineAlias},
    {"DescribeStateMachineForExecution", describeStateMachineForExecution},
    {"GetExecutionHistory", getExecutionHistory},
    {"ListActivities", listActivities},
    {"ListExecutions", listExecutions},
    {"ListMapRuns", listMapRuns},
    {"ListStateMachineAliases", listStateMachineAliases},
    {"ListStateMachineVersions", listStateMachineVersions},
    {"ListStateMachines", listStateMachines},
    {"ListTagsForResource", listTagsForResource},
    {"PublishStateMachineVersion", publishStateMachineVersion},
    {"RedriveExecution", redriveExecution},
    {"SendTaskFailure", sendTaskFailure},
    {"SendTaskHeartbeat", sendTaskHeartbeat},
    {"SendTaskSuccess", sendTaskSuccess},
    {"StartExecution", startExecution},
    {"StopExecution", stopExecution},
    {"TagResource", tagResource},
    {"UntagResource", untagResource},
    {"UpdateMapRun", updateMapRun},
    {"UpdateStateMachine", updateStateMachine},
    {"UpdateStateMachineAlias", updateStateMachineAlias},
    {"ValidateStateMachineDefinition", validateStateMachineDefinition},
}};

static_assert(core::isSortedByName(kHandlers));

}  // namespace

StepFunctionsService::StepFunctionsService(core::Simulation& simulation, Integrations& integrations)
    : state_(std::make_unique<SfnState>(simulation, integrations)),
      tester_(std::make_unique<StateTester>(simulation, integrations)) {}

StepFunctionsService::~StepFunctionsService() = default;

json StepFunctionsService::handle(std::string_view operation, const json& input) {
  Handler handler = core::findOperation(kHandlers, operation);
  if (!handler) sfnError("UnknownOperationException", std::string(operation) + " is not supported");
  static const json kEmpty = json::object();
  return handler(*state_, input.is_object() ? input : kEmpty);
}

bool StepFunctionsService::implements(std::string_view operation) const {
  return core::findOperation(kHandlers, operation) || operation == "StartSyncExecution" ||
         operation == "GetActivityTask" || operation == "TestState";
}

void StepFunctionsService::getActivityTask(const json& input, std::function<void(json)> done) {
  checkActivityTaskRequest(*state_, input);
  state_->activities.poll(
      input.at("activityArn").get<std::string>(), input.value("workerName", ""),
      [done = std::move(done)](std::optional<ActivityTaskHandout> task) {
        // No task: AWS answers without a taskToken.
        if (!task) return done(json::object());
        done({{"taskToken", std::move(task->taskToken)}, {"input", std::move(task->input)}});
      });
}

void StepFunctionsService::setWallTimers(WallTimers* timers) {
  state_->activities.setWallTimers(timers);
}

const ActivityRegistry& StepFunctionsService::activities() const {
  return state_->activities;
}

void StepFunctionsService::startSyncExecution(const json& input, std::function<void(json)> done) {
  StartTarget target = resolveStartTarget(*state_, input.at("stateMachineArn").get<std::string>());
  if (target.machine.type != "EXPRESS")
    sfnError("StateMachineTypeNotSupported",
             "This operation is not supported by this type of state machine");
  auto shared = std::make_shared<std::function<void(json)>>(std::move(done));
  // An execution that ended within launch (no waits) answers at once.
  Execution& e =
      launchExecution(*state_, target.machine, input, std::move(target.mocks), true, target.on);
  if (e.status != ExecutionStatus::Running) return (*shared)(syncStartResult(e));
  e.onFinished.push_back([shared](const Execution& ended) { (*shared)(syncStartResult(ended)); });
}

std::string StepFunctionsService::startNested(const json& input,
                                              std::function<void(json)> finished) {
  StartTarget target = startTargetOf(*state_, input.at("stateMachineArn").get<std::string>());
  Execution& e = launchExecution(*state_, target.machine, input, nullptr, false, target.on);
  if (e.status != ExecutionStatus::Running) {
    finished(syncExecutionResult(e));
  } else {
    e.onFinished.push_back([finished = std::move(finished)](const Execution& ended) {
      finished(syncExecutionResult(ended));
    });
  }
  return e.arn;
}

std::vector<Engine::WaitingTask> StepFunctionsService::waitingTasks(const std::string& arn) const {
  auto it = state_->executions.find(arn);
  if (it == state_->executions.end()) return {};
  return state_->engine.waitingTasks(*it->second);
}

std::string StepFunctionsService::stateMachineArn(std::string_view name) const {
  return state_->machineArn(name);
}

std::string StepFunctionsService::activityArn(std::string_view name) const {
  return state_->activityArn(name);
}

const History* StepFunctionsService::history(const std::string& arn) const {
  auto it = state_->executions.find(arn);
  return it == state_->executions.end() ? nullptr : &it->second->history;
}

void StepFunctionsService::stopExecution(const std::string& arn, const std::string& error,
                                         const std::string& cause) {
  auto it = state_->executions.find(arn);
  if (it != state_->executions.end()) state_->engine.stop(*it->second, error, cause);
}

void StepFunctionsService::setMockConfig(std::shared_ptr<const MockConfig> config) {
  state_->mockConfig = std::move(config);
}

void StepFunctionsService::setExecutionLogWriter(ExecutionLogWriter writer) {
  state_->writeExecutionLog = std::move(writer);
}

void StepFunctionsService::setExecutionStartObserver(
    std::function<void(const std::string& executionArn)> observer) {
  state_->onExecutionStarted = std::move(observer);
}

void StepFunctionsService::testState(const json& input, std::function<void(json)> done) {
  tester_->run(parseTestRequest(input), std::move(done));
}

}  // namespace stepsim::sfn
