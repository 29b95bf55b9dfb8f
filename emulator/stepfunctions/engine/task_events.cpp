#include "emulator/stepfunctions/engine/task_events.h"


namespace stepsim::sfn {

using json = stepsim::Json;

TaskEvents taskEvents(const State& st) {
  if (st.taskKind == TaskKind::LambdaArn)
    return {TaskEvents::Lambda,
            "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails",
            "LambdaFunctionStarted", "",
            "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails",
            "LambdaFunctionFailed", "lambdaFunctionFailedEventDetails",
            "LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails",
            "LambdaFunctionScheduleFailed", "lambdaFunctionScheduleFailedEventDetails"};
  if (st.taskKind == TaskKind::Activity)
    return {TaskEvents::Activity,
            "ActivityScheduled", "activityScheduledEventDetails",
            "ActivityStarted", "activityStartedEventDetails",
            "ActivitySucceeded", "activitySucceededEventDetails",
            "ActivityFailed", "activityFailedEventDetails",
            "ActivityTimedOut", "activityTimedOutEventDetails",
            "ActivityScheduleFailed", "activityScheduleFailedEventDetails"};
  return {TaskEvents::Integration,
          "TaskScheduled", "taskScheduledEventDetails",
          "TaskStarted", "taskStartedEventDetails",
          "TaskSucceeded", "taskSucceededEventDetails",
          "TaskFailed", "taskFailedEventDetails",
          "TaskTimedOut", "taskTimedOutEventDetails",
          "TaskStartFailed", "taskStartFailedEventDetails"};
}

ResourceNames resourceNames(const State& st) {
  // arn:aws:states:::lambda:invoke.waitForTaskToken → ("lambda", "invoke.waitForTaskToken")
  // arn:aws:states:::aws-sdk:batch:describeJobs → ("aws-sdk:batch", "describeJobs")
  constexpr std::string_view prefix = "arn:aws:states:::";
  std::string rest = st.resource.substr(std::min(st.resource.size(), prefix.size()));
  std::size_t colon = rest.rfind(':');
  bool unemulatedOptimized = st.taskKind == TaskKind::Unemulated && rest.rfind("aws-sdk:", 0) != 0;
  if (st.taskKind == TaskKind::StartExecution || st.taskKind == TaskKind::BatchSubmitJob ||
      st.taskKind == TaskKind::LambdaInvoke || unemulatedOptimized) {
    // ".sync:2" has a colon of its own.
    colon = rest.find(':');
  }
  if (colon == std::string::npos) return {rest, ""};
  return {rest.substr(0, colon), rest.substr(colon + 1)};
}

EventDetails TaskEvents::scheduledDetails(const State& st, Data input, int timeoutSeconds,
                                          int heartbeatSeconds, const std::string& region) const {
  EventDetails details{scheduledKey};
  details.data = std::move(input);
  if (family != Integration) {
    details.members = {{"resource", st.resource}};
    details.dataKey = "input";
  } else {
    ResourceNames names = resourceNames(st);
    details.members = {{"resourceType", names.type}, {"resource", names.name}, {"region", region}};
    details.dataKey = "parameters";
  }
  if (timeoutSeconds > 0) details.members["timeoutInSeconds"] = timeoutSeconds;
  if (heartbeatSeconds > 0) details.members["heartbeatInSeconds"] = heartbeatSeconds;
  return details;
}

json TaskEvents::startedDetails(const State& st) const {
  if (family != Integration) return nullptr;
  ResourceNames names = resourceNames(st);
  return {{"resourceType", names.type}, {"resource", names.name}};
}

EventDetails TaskEvents::submittedDetails(const State& st, json output) const {
  ResourceNames names = resourceNames(st);
  return {"taskSubmittedEventDetails", {{"resourceType", names.type}, {"resource", names.name}},
          nullptr, "output", makeData(std::move(output))};
}

EventDetails TaskEvents::successDetails(const State& st, Data output) const {
  EventDetails details{succeededKey, nullptr, nullptr, "output", std::move(output)};
  if (family == Integration) {
    ResourceNames names = resourceNames(st);
    details.members = {{"resourceType", names.type}, {"resource", names.name}};
  }
  return details;
}

json TaskEvents::failureDetails(const State& st, const std::string& error,
                                const std::string& cause) const {
  json details = timeoutDetails(st, error);
  details["cause"] = cause;
  return details;
}

json TaskEvents::timeoutDetails(const State& st, const std::string& error) const {
  json details = {{"error", error}};
  if (family == Integration) {
    ResourceNames names = resourceNames(st);
    details["resourceType"] = names.type;
    details["resource"] = names.name;
  }
  return details;
}

}  // namespace stepsim::sfn
