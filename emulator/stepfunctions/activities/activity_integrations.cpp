#include "emulator/stepfunctions/activities/activity_integrations.h"

#include "emulator/core/json_text.h"

namespace stepsim::sfn {

std::function<void()> ActivityIntegrations::run(const TaskRequest& request,
                                                TaskCallbacks callbacks) {
  if (request.kind != TaskKind::Activity) return services_.run(request, std::move(callbacks));
  // The engine gives every activity task a token: it is how the worker answers.
  if (!request.taskToken) {
    callbacks.done(TaskOutcome::failure("States.Runtime", "The activity task has no task token"));
    return nullptr;
  }
  return activities_.schedule(request.resource, *request.taskToken,
                              core::serializeJson(request.parameters), std::move(callbacks));
}

std::optional<TaskOutcome> ActivityIntegrations::refuseSchedule(const TaskRequest& request) {
  if (request.kind != TaskKind::Activity) return services_.refuseSchedule(request);
  if (activities_.find(request.resource)) return std::nullopt;
  return activityDoesNotExist(request.resource);
}

}  // namespace stepsim::sfn
