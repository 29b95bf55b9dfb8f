#include "emulator/batch/job_runner.h"

#include "emulator/batch/batch_state.h"
#include "emulator/batch/lifecycle_rules.h"
#include "emulator/core/wildcard.h"

namespace stepsim::batch {

namespace {
constexpr std::string_view kTimeoutReason = "Job attempt duration exceeded timeout";
constexpr std::string_view kDependencyFailedReason = "Dependent Job failed";
constexpr std::string_view kChildFailedReason = "Array Child Job failed";
}  // namespace

// The current attempt's steps with every skipped status filled in at zero duration. The first
// attempt starts with SUBMITTED (the job's status at submission); later ones at RUNNABLE.
void JobRunner::buildTimeline(Job& job) {
  const StepList& steps = job.lifecycle->forAttempt(job.attemptIndex);
  StepList& out = job.timeline;
  out.clear();
  int from = job.attemptIndex == 0 ? rank(JobStatus::Submitted) : rank(JobStatus::Runnable);
  out.push_back({static_cast<JobStatus>(from), 0, 0, ""});
  for (const Step& step : steps) {
    if (rank(step.status) < from) continue;  // a retry does not replay SUBMITTED/PENDING
    int target = isFinal(step.status) ? rank(JobStatus::Running) + 1 : rank(step.status);
    if (rank(step.status) == rank(out.back().status)) {
      out.back().durationMs = step.durationMs;
      continue;
    }
    for (int r = rank(out.back().status) + 1; r < target; ++r)
      out.push_back({static_cast<JobStatus>(r), 0, 0, ""});
    out.push_back(step);
  }
  if (job.isArrayParent()) {
    // A parent waits out SUBMITTED, then stays PENDING while its children run.
    out.resize(1);
    out.push_back({JobStatus::Pending, 0, 0, ""});
  }
}

void JobRunner::schedule(Job& job, TimeMs due, std::size_t next) {
  Job* target = &job;
  job.stepTimer = sim_.at(due, [this, target, next] {
    target->stepTimer = 0;
    enter(*target, next);
  });
}

void JobRunner::start(Job& job) {
  if (job.started || isFinal(job.status)) return;
  job.started = true;
  if (core::TraceSink* trace = sim_.trace())
    trace->record(sim_.now(), "job", job.name + " (" + job.id + ") " + std::string(toString(job.status)));
  buildTimeline(job);
  if (job.dependencyFailed) {
    Job* target = &job;
    job.stepTimer = sim_.at(sim_.now(), [this, target] {
      target->stepTimer = 0;
      fail(*target, std::string(kDependencyFailedReason));
    });
    return;
  }
  schedule(job, sim_.now() + job.timeline[0].durationMs, 1);
}

void JobRunner::enter(Job& job, std::size_t index) {
  while (!isFinal(job.status) && index < job.timeline.size()) {
    const Step step = job.timeline[index];
    if (job.isArrayParent() && rank(step.status) >= rank(JobStatus::Pending)) {
      setStatus(job, JobStatus::Pending);
      if (job.unmetDependencies > 0) {
        job.held = true;
        job.heldStep = index;
      } else {
        startChildren(job);
      }
      return;
    }
    if (job.attemptIndex == 0 && job.unmetDependencies > 0 &&
        rank(step.status) >= rank(JobStatus::Runnable)) {
      // Dependencies outstanding: wait in PENDING, continue with this step once they succeed.
      if (rank(job.status) < rank(JobStatus::Pending)) setStatus(job, JobStatus::Pending);
      job.held = true;
      job.heldStep = index;
      return;
    }
    if (isFinal(step.status)) {
      endAttempt(job, step.status, step.exitCode, step.statusReason, true);
      return;
    }
    if (step.status != job.status) setStatus(job, step.status);
    if (step.status == JobStatus::Starting) beginAttempt(job);
    if (step.status == JobStatus::Running) {
      if (!job.current) beginAttempt(job);
      TimeMs now = sim_.now();
      job.current->startedAt = now;
      job.startedAt = now;
      if (job.parent && !job.parent->startedAt) job.parent->startedAt = now;
      if (step.durationMs > 0) schedule(job, now + step.durationMs, index + 1);
      if (job.timeoutSeconds) {
        Job* target = &job;
        job.timeoutTimer = sim_.after(*job.timeoutSeconds * 1000, [this, target] {
          target->timeoutTimer = 0;
          if (target->stepTimer) sim_.cancel(target->stepTimer);
          target->stepTimer = 0;
          endAttempt(*target, JobStatus::Failed, std::nullopt, std::string(kTimeoutReason), false);
        });
      }
      if (step.durationMs > 0) return;
    } else if (step.durationMs > 0) {
      schedule(job, sim_.now() + step.durationMs, index + 1);
      return;
    }
    ++index;
  }
  // Past the last listed step without a final one: the job stays where it is.
}

void JobRunner::setStatus(Job& job, JobStatus status) {
  if (job.parent) {
    auto& counts = job.parent->childCounts;
    --counts[static_cast<std::size_t>(job.status)];
    ++counts[static_cast<std::size_t>(status)];
    job.parent->statusSummaryUpdatedAt = sim_.now();
  }
  job.status = status;
  job.statusHistory.emplace_back(status, sim_.now());
  job.touch();
  if (core::TraceSink* trace = sim_.trace())
    trace->record(sim_.now(), "job", job.name + " (" + job.id + ") " + std::string(toString(status)) +
                                       (isFinal(status) && !job.statusReason.empty() ? ": " + job.statusReason : ""));
}

void JobRunner::beginAttempt(Job& job) {
  std::string taskId = sim_.ids("batch.tasks").uuid();
  std::erase(taskId, '-');
  AttemptRecord attempt;
  attempt.logStreamName = job.definitionName + "/default/" + taskId;
  attempt.taskArn = state_.arns.ecsTask(state_.clusterNameFor(job.queueArn), taskId);
  if (!job.container.is_object()) job.container = json::object();
  job.container.erase("exitCode");
  job.container.erase("reason");
  job.container["logStreamName"] = attempt.logStreamName;
  job.container["taskArn"] = attempt.taskArn;
  job.current = std::move(attempt);
  job.touch();
}

bool JobRunner::shouldRetry(const RetryPolicy& retry, const AttemptRecord& attempt) {
  std::string exitCode = attempt.exitCode ? std::to_string(*attempt.exitCode) : "";
  for (const auto& rule : retry.evaluateOnExit) {
    auto misses = [](const std::optional<std::string>& pattern, const std::string& text) {
      return pattern && !core::wildcardMatch(*pattern, text);
    };
    if (misses(rule.onStatusReason, attempt.statusReason) ||
        misses(rule.onReason, attempt.reason) || misses(rule.onExitCode, exitCode))
      continue;
    return rule.retry;
  }
  return true;
}

void JobRunner::endAttempt(Job& job, JobStatus status, std::optional<int> exitCode,
                           const std::string& statusReason, bool mayRetry) {
  cancelTimers(job);
  AttemptRecord record;
  if (job.current) {
    record = std::move(*job.current);
    job.current.reset();
    record.stoppedAt = sim_.now();
    record.exitCode = exitCode;
    record.statusReason = statusReason;
    if (exitCode) job.container["exitCode"] = *exitCode;
    job.attempts.push_back(record);
    job.touch();
  }
  if (status == JobStatus::Failed && mayRetry &&
      job.attemptIndex + 1 < static_cast<std::size_t>(job.retry.attempts) &&
      shouldRetry(job.retry, record)) {
    ++job.attemptIndex;
    buildTimeline(job);
    enter(job, 0);  // back to RUNNABLE at this instant
    return;
  }
  finish(job, status, statusReason);
}

void JobRunner::finish(Job& job, JobStatus status, const std::string& statusReason) {
  cancelTimers(job);
  job.held = false;
  StepList().swap(job.timeline);  // nothing more to play: a kept job need not carry it
  job.statusReason = statusReason;
  job.stoppedAt = sim_.now();
  setStatus(job, status);
  if (!job.parent) state_.finishedJobs.ended(job, *job.stoppedAt, job.seq, 1 + job.children.size());
  // Copy: a dependent's failure cascades but never adds dependents to this job.
  std::vector<Job*> dependents = job.dependents;
  for (Job* d : dependents) dependencyFinished(*d, status == JobStatus::Succeeded);
  if (job.parent) childFinished(*job.parent);
  auto [first, last] = state_.finishWatchers.equal_range(job.id);
  std::vector<std::function<void()>> watchers;
  for (auto it = first; it != last; ++it) watchers.push_back(std::move(it->second));
  state_.finishWatchers.erase(first, last);
  for (auto& watcher : watchers) watcher();
}

void JobRunner::fail(Job& job, const std::string& reason) {
  if (isFinal(job.status)) return;
  if (job.isArrayParent() && !job.children.empty()) {
    job.pendingParentReason = reason;
    for (Job* child : job.children) fail(*child, reason);
    if (!isFinal(job.status)) finish(job, JobStatus::Failed, reason);
    return;
  }
  if (job.current) {
    job.current->stoppedAt = sim_.now();
    job.current->statusReason = reason;
    job.attempts.push_back(std::move(*job.current));
    job.current.reset();
  }
  finish(job, JobStatus::Failed, reason);
}

void JobRunner::dependencyFinished(Job& dependent, bool succeeded) {
  if (isFinal(dependent.status)) return;
  if (!succeeded) {
    fail(dependent, std::string(kDependencyFailedReason));
    return;
  }
  if (--dependent.unmetDependencies > 0 || !dependent.held) return;
  dependent.held = false;
  if (dependent.isArrayParent()) {
    startChildren(dependent);
  } else {
    enter(dependent, dependent.heldStep);
  }
}

void JobRunner::startChildren(Job& parent) {
  for (Job* child : parent.children) start(*child);
}

void JobRunner::childFinished(Job& parent) {
  if (isFinal(parent.status)) return;
  const auto& counts = parent.childCounts;
  int succeeded = counts[static_cast<std::size_t>(JobStatus::Succeeded)];
  int failed = counts[static_cast<std::size_t>(JobStatus::Failed)];
  if (succeeded + failed < parent.arraySize) return;
  if (failed == 0 && parent.pendingParentReason.empty()) {
    finish(parent, JobStatus::Succeeded, "");
    return;
  }
  if (parent.parentCancelled) parent.isCancelled = true;
  finish(parent, JobStatus::Failed,
         parent.pendingParentReason.empty() ? std::string(kChildFailedReason)
                                            : parent.pendingParentReason);
}

void JobRunner::terminate(Job& job, const std::string& reason) {
  if (isFinal(job.status)) return;
  if (job.isArrayParent()) {
    job.pendingParentReason = reason;
    job.isTerminated = true;
    for (Job* child : job.children) terminate(*child, reason);
    if (!isFinal(job.status)) finish(job, JobStatus::Failed, reason);
    return;
  }
  if (rank(job.status) >= rank(JobStatus::Starting)) {
    job.isTerminated = true;
    endAttempt(job, JobStatus::Failed, std::nullopt, reason, false);
  } else {
    job.isCancelled = true;
    fail(job, reason);
  }
}

void JobRunner::cancel(Job& job, const std::string& reason) {
  if (isFinal(job.status)) return;
  if (job.isArrayParent()) {
    job.pendingParentReason = reason;
    job.parentCancelled = true;
    for (Job* child : job.children) cancel(*child, reason);
    if (job.children.empty() && !isFinal(job.status)) finish(job, JobStatus::Failed, reason);
    return;
  }
  if (rank(job.status) > rank(JobStatus::Runnable)) return;
  job.isCancelled = true;
  fail(job, reason);
}

void JobRunner::cancelTimers(Job& job) {
  if (job.stepTimer) sim_.cancel(job.stepTimer);
  if (job.timeoutTimer) sim_.cancel(job.timeoutTimer);
  job.stepTimer = job.timeoutTimer = 0;
}

void JobRunner::stop(Job& job) {
  cancelTimers(job);
}

}  // namespace stepsim::batch
