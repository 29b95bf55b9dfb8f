#pragma once
// The history events of a Task, which differ by resource: a Lambda function ARN records
// LambdaFunction* events, activities Activity* events, service integrations Task* events with
// resourceType/resource.
#include <string>

#include "emulator/core/json.h"
#include "emulator/stepfunctions/engine/history.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

struct TaskEvents {
  enum Family { Lambda, Activity, Integration } family = Integration;
  const char *scheduled, *scheduledKey, *started, *startedKey, *succeeded, *succeededKey, *failed,
      *failedKey, *timedOut, *timedOutKey;
  // Recorded instead of `scheduled` when the task cannot be scheduled at all.
  const char *scheduleFailed, *scheduleFailedKey;

  // Activities record their started event when a worker takes the task (GetActivityTask).
  bool startedByWorker() const { return family == Activity; }

  EventDetails scheduledDetails(const State& st, Data input, int timeoutSeconds,
                                int heartbeatSeconds, const std::string& region) const;
  stepsim::Json startedDetails(const State& st) const;
  EventDetails submittedDetails(const State& st, stepsim::Json output) const;
  EventDetails successDetails(const State& st, Data output) const;
  stepsim::Json failureDetails(const State& st, const std::string& error,
                                const std::string& cause) const;
  // A timeout: AWS names the error and gives no cause.
  stepsim::Json timeoutDetails(const State& st, const std::string& error) const;
};

TaskEvents taskEvents(const State& st);

// "lambda" / "invoke" for arn:aws:states:::lambda:invoke, "batch" / "submitJob.sync", ...
struct ResourceNames {
  std::string type, name;
};
ResourceNames resourceNames(const State& st);

}  // namespace stepsim::sfn
