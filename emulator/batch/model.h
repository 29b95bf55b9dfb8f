#pragma once
// Plain types for the Batch resources and jobs. Behaviour lives in the handlers and the JobRunner;
// these are just the records they share.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/core/scheduler.h"
#include "emulator/core/time_types.h"

namespace stepsim::batch {

using core::TimeMs;
using json = stepsim::Json;
using Tags = std::map<std::string, std::string>;  // sorted: a defined output order

// Canonical order: a job only moves forward through these (a retry goes back to RUNNABLE).
enum class JobStatus { Submitted, Pending, Runnable, Starting, Running, Succeeded, Failed };
inline constexpr std::size_t kJobStatusCount = 7;

std::string_view toString(JobStatus status);
// Exact upper-case names, as the API spells them.
std::optional<JobStatus> parseJobStatus(std::string_view text);
inline bool isFinal(JobStatus s) {
  return s == JobStatus::Succeeded || s == JobStatus::Failed;
}
inline int rank(JobStatus s) {
  return static_cast<int>(s);
}

struct ComputeEnvironment {
  std::string name, arn, type, state = "ENABLED", serviceRole, ecsClusterArn, uuid;
  std::optional<std::int64_t> unmanagedvCpus;
  json computeResources;  // null when absent
  Tags tags;
};

struct JobQueue {
  std::string name, arn, state = "ENABLED", schedulingPolicyArn;
  std::int64_t priority = 0;
  json computeEnvironmentOrder = json::array();  // entries with computeEnvironment as an ARN
  Tags tags;
};

struct EvaluateOnExit {
  std::optional<std::string> onStatusReason, onReason, onExitCode;
  bool retry = true;
};

struct RetryPolicy {
  int attempts = 1;
  std::vector<EvaluateOnExit> evaluateOnExit;
  json source;  // as given (action upper-cased), null when absent
};

struct JobDefinition {
  std::string name, arn, type, status = "ACTIVE";
  int revision = 1;
  json parameters = json::object();
  json containerProperties;   // null when absent
  json nodeProperties;        // null when absent
  json platformCapabilities;  // null when absent
  std::optional<bool> propagateTags;
  std::optional<std::int64_t> schedulingPriority;
  RetryPolicy retry;
  std::optional<std::int64_t> timeoutSeconds;
  Tags tags;
};

// One scripted step of a lifecycle (see lifecycle_rules.h).
struct Step {
  JobStatus status = JobStatus::Submitted;
  TimeMs durationMs = 0;  // non-final steps
  int exitCode = 0;       // final steps
  std::string statusReason;
};
using StepList = std::vector<Step>;

// Per-attempt step lists; the last one serves every further attempt.
struct Lifecycle {
  std::vector<StepList> attempts;
  const StepList& forAttempt(std::size_t index) const {
    return attempts[index < attempts.size() ? index : attempts.size() - 1];
  }
};

struct AttemptRecord {
  std::optional<TimeMs> startedAt, stoppedAt;
  std::optional<int> exitCode;
  std::string reason;  // container reason
  std::string statusReason, logStreamName, taskArn;
};

struct Job {
  std::uint64_t seq = 0;  // creation order
  std::string id, arn, name, queueArn, definitionArn, definitionName, shareIdentifier;
  int definitionRevision = 0;
  JobStatus status = JobStatus::Submitted;
  std::string statusReason;
  TimeMs createdAt = 0;
  std::optional<TimeMs> startedAt, stoppedAt;
  // Every status the job entered, when (the console's timeline; AWS keeps no such list).
  std::vector<std::pair<JobStatus, TimeMs>> statusHistory;
  json parameters = json::object();
  json container;  // merged definition container properties and overrides; null when none
  json platformCapabilities, dependsOnSource;
  std::optional<bool> propagateTags;
  RetryPolicy retry;
  std::optional<std::int64_t> timeoutSeconds;
  Tags tags;
  std::vector<AttemptRecord> attempts;
  bool isCancelled = false, isTerminated = false;

  // Arrays: a parent has arraySize > 0 and children; a child has a parent and an index.
  int arraySize = 0;
  int arrayIndex = -1;
  Job* parent = nullptr;
  std::vector<Job*> children;
  std::array<int, kJobStatusCount> childCounts{};
  std::optional<TimeMs> statusSummaryUpdatedAt;
  std::string pendingParentReason;  // why the parent fails once its children are done
  bool parentCancelled = false;

  // Dependencies: this job waits on unmetDependencies others; dependents wait on this one.
  int unmetDependencies = 0;
  bool dependencyFailed = false;  // a dependency had already failed at submission
  std::vector<Job*> dependents;

  // Playback (JobRunner).
  std::shared_ptr<const Lifecycle> lifecycle;
  std::size_t attemptIndex = 0;
  StepList timeline;  // the current attempt's steps, pass-through statuses filled in
  std::size_t heldStep = 0;
  bool held = false;     // waiting at the RUNNABLE gate for dependencies
  bool started = false;  // playback began (array children begin with their parent)
  core::TimerId stepTimer = 0, timeoutTimer = 0;
  std::optional<AttemptRecord> current;  // the attempt in flight once it reached STARTING

  // DescribeJobs renders from these caches (the JobDetail and its serialized text); every change
  // clears them.
  mutable std::optional<json> detail;
  mutable std::optional<std::string> detailText;
  void touch() {
    detail.reset();
    detailText.reset();
    if (parent) {
      parent->detail.reset();
      parent->detailText.reset();
    }
  }
  bool isArrayParent() const { return arraySize > 0; }
};

}  // namespace stepsim::batch
