#include "emulator/stepfunctions/engine/task_events.h"

#include "emulator/core/json_text.h"

namespace stepsim::sfn {

using nlohmann::json;

TaskEvents taskEvents(const State& st) {
  if (st.taskKind == TaskKind::LambdaArn)
    return {TaskEvents::Lambda,
            "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails",
            "LambdaFunctionStarted", "",
            "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails",
            "LambdaFunctionFailed", "lambdaFunctionFailedEventDetails",
            "LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails"};
  if (st.taskKind == TaskKind::Activity)
    return {TaskEvents::Activity,
            "ActivityScheduled", "activityScheduledEventDetails",
            "ActivityStarted", "activityStartedEventDetails",
            "ActivitySucceeded", "activitySucceededEventDetails",
            "ActivityFailed", "activityFailedEventDetails",
            "ActivityTimedOut", "activityTimedOutEventDetails"};
  return {TaskEvents::Integration,
          "TaskScheduled", "taskScheduledEventDetails",
          "TaskStarted", "taskStartedEventDetails",
          "TaskSucceeded", "taskSucceededEventDetails",
          "TaskFailed", "taskFailedEventDetails",
          "TaskTimedOut", "taskTimedOutEventDetails"};
}

ResourceNames resourceNames(const State& st) {
  // arn:aws:states:::lambda:invoke.waitForTaskToken → ("lambda", "invoke.waitForTaskToken")
  // arn:aws:states:::aws-sdk:batch:describeJobs → ("aws-sdk:batch", "describeJobs")
  constexpr std::string_view prefix = "arn:aws:states:::";
  std::string rest = st.resource.substr(std::min(st.resource.size(), prefix.size()));
  std::size_t colon = rest.rfind(':');
  if (st.taskKind == TaskKind::StartExecution || st.taskKind == TaskKind::BatchSubmitJob ||
      st.taskKind == TaskKind::LambdaInvoke) {
    // ".sync:2" has a colon of its own.
    colon = rest.find(':');
  }
  if (colon == std::string::npos) return {rest, ""};
  return {rest.substr(0, colon), rest.substr(colon + 1)};
}

json TaskEvents::scheduledDetails(const State& st, const json& input, int timeoutSeconds,
                                  int heartbeatSeconds, const std::string& region) const {
  json details;
  if (family != Integration) {
    details = {{"resource", st.resource}, {"input", input}};
  } else {
    ResourceNames names = resourceNames(st);
    details = {{"resourceType", names.type},
               {"resource", names.name},
               {"region", region},
               {"parameters", core::serializeJson(input)}};
  }
  if (timeoutSeconds > 0) details["timeoutInSeconds"] = timeoutSeconds;
  if (heartbeatSeconds > 0) details["heartbeatInSeconds"] = heartbeatSeconds;
  return details;
}

json TaskEvents::startedDetails(const State& st) const {
  if (family != Integration) return nullptr;
  ResourceNames names = resourceNames(st);
  return {{"resourceType", names.type}, {"resource", names.name}};
}

json TaskEvents::submittedDetails(const State& st, json output) const {
  ResourceNames names = resourceNames(st);
  return {{"resourceType", names.type}, {"resource", names.name}, {"output", std::move(output)}};
}

json TaskEvents::successDetails(const State& st, const json& output) const {
  if (family != Integration) return {{"output", output}};
  ResourceNames names = resourceNames(st);
  return {{"resourceType", names.type}, {"resource", names.name}, {"output", output}};
}

json TaskEvents::failureDetails(const State& st, const std::string& error,
                                const std::string& cause) const {
  json details = {{"error", error}, {"cause", cause}};
  if (family == Integration) {
    ResourceNames names = resourceNames(st);
    details["resourceType"] = names.type;
    details["resource"] = names.name;
  }
  return details;
}

}  // namespace stepsim::sfn
