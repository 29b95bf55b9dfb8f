#pragma once
// Plays jobs' lifecycles on the virtual clock: scripted steps, retries (retryStrategy and
// evaluateOnExit), attempt timeouts, dependencies, array children, TerminateJob and CancelJob.
// Every transition is a timer or happens inside one, so what a client sees depends only on the
// virtual time, never on how often it polls.
#include <optional>
#include <string>

#include "emulator/batch/model.h"
#include "emulator/core/simulation.h"

namespace stepsim::batch {

class BatchState;

class JobRunner {
 public:
  JobRunner(core::Simulation& sim, BatchState& state) : sim_(sim), state_(state) {}

  // Begins a newly submitted job (SUBMITTED). Its first transition is a timer, due at once when
  // the lifecycle starts past SUBMITTED, so it is visible to the next request. Array children are
  // started by their parent once it is PENDING with its dependencies met.
  void start(Job& job);
  // A dependency already finished when the job was submitted.
  void dependencyFinished(Job& dependent, bool succeeded);
  // STARTING/RUNNING → FAILED (isTerminated); earlier statuses → FAILED (isCancelled); final:
  // no-op.
  void terminate(Job& job, const std::string& reason);
  // SUBMITTED/PENDING/RUNNABLE → FAILED (isCancelled); later statuses are left alone.
  void cancel(Job& job, const std::string& reason);
  // Drops the job's pending timers (the service is going away).
  void stop(Job& job);

 private:
  void buildTimeline(Job& job);
  void schedule(Job& job, TimeMs due, std::size_t next);
  void enter(Job& job, std::size_t index);
  void setStatus(Job& job, JobStatus status);
  void beginAttempt(Job& job);
  void endAttempt(Job& job, JobStatus status, std::optional<int> exitCode,
                  const std::string& statusReason, bool mayRetry);
  void finish(Job& job, JobStatus status, const std::string& statusReason);
  void fail(Job& job, const std::string& reason);
  void startChildren(Job& parent);
  void childFinished(Job& parent);
  void cancelTimers(Job& job);
  static bool shouldRetry(const RetryPolicy& retry, const AttemptRecord& attempt);

  core::Simulation& sim_;
  BatchState& state_;
};

}  // namespace stepsim::batch
