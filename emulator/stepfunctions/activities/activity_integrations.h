#pragma once
// The Integrations the engine runs tasks with: activity tasks go to the activity registry (queued
// for a worker), every other kind to the services the composition root provides.
#include "emulator/stepfunctions/activities/activity_registry.h"
#include "emulator/stepfunctions/engine/integrations.h"

namespace stepsim::sfn {

class ActivityIntegrations : public Integrations {
 public:
  ActivityIntegrations(ActivityRegistry& activities, Integrations& services)
      : activities_(activities), services_(services) {}

  std::function<void()> run(const TaskRequest& request, TaskCallbacks callbacks) override;
  std::optional<TaskOutcome> refuseSchedule(const TaskRequest& request) override;

 private:
  ActivityRegistry& activities_;
  Integrations& services_;
};

}  // namespace stepsim::sfn
