#pragma once
// Scripted job lifecycles, installed through the control API (/_stepsim/batch/lifecycles).
//
//   RULE = {"match": MATCH, "steps": [STEP, ...]}
//        | {"match": MATCH, "attempts": [[STEP, ...], [STEP, ...], ...]}
//   MATCH = {"jobName": glob (* and ?), "jobQueue": name|ARN,
//            "jobDefinition": name|name:rev|ARN, "submission": n (1-based)}   all optional
//   STEP  = {"status": SUBMITTED|PENDING|RUNNABLE|STARTING|RUNNING, "seconds": n >= 0}
//         | {"status": SUCCEEDED|FAILED, "exitCode": n, "statusReason": "..."}   final, last only
//
// Every given match field must hold; `submission` counts the submissions that matched the rule's
// other fields (per rule, whether or not an earlier rule won them). Rules are consulted in install
// order and the first match decides; jobs matching none play kDefaultLifecycle.
//
// Steps follow SUBMITTED < PENDING < RUNNABLE < STARTING < RUNNING. A job is SUBMITTED when
// SubmitJob answers; statuses the steps skip are passed through at the same instant. `steps` serves
// every attempt; with `attempts` the nth list serves attempt n and the last list any further one.
// Statuses before RUNNABLE play only in the first attempt (a retry starts at RUNNABLE). A final
// step defaults to exitCode 0 (SUCCEEDED) or 1 (FAILED) and statusReason "Essential container in
// task exited". A list without a final step leaves the job in its last status until it is
// terminated, cancelled or its attempt times out.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/batch/model.h"

namespace stepsim::batch {

inline constexpr std::string_view kContainerExitedReason = "Essential container in task exited";

// The lifecycle of jobs that match no rule: SUBMITTED 1 s → PENDING 1 s → RUNNABLE 5 s →
// STARTING 5 s → RUNNING 120 s → SUCCEEDED (exit 0), on every attempt.
struct DefaultStep {
  JobStatus status;
  TimeMs durationMs;
};
inline constexpr DefaultStep kDefaultLifecycle[] = {
    {JobStatus::Submitted, 1000}, {JobStatus::Pending, 1000},   {JobStatus::Runnable, 5000},
    {JobStatus::Starting, 5000},  {JobStatus::Running, 120000}, {JobStatus::Succeeded, 0},
};
const std::shared_ptr<const Lifecycle>& defaultLifecycle();  // kDefaultLifecycle as steps

// What a rule can match a submission on.
struct JobFacts {
  std::string_view jobName, queueName, queueArn, definitionName, definitionArn;
  int definitionRevision = 0;
};

class LifecycleRules {
 public:
  // Validates the whole body first (throws core::AwsError "ValidationError" naming the field,
  // e.g. "rules[0].attempts[1][2].status"); nothing is installed when any rule is bad.
  void add(const json& body);
  void clear() { rules_.clear(); }
  json list() const;  // {"rules": [...]}, normalized
  std::size_t size() const { return rules_.size(); }

  // The lifecycle for one new submission. Advances the rules' submission counters.
  std::shared_ptr<const Lifecycle> select(const JobFacts& facts);

 private:
  struct Rule {
    std::optional<std::string> jobName, jobQueue, jobDefinition;
    std::optional<std::int64_t> submission;
    std::shared_ptr<const Lifecycle> lifecycle;
    json normalized;
    std::int64_t seen = 0;  // submissions that matched the other fields
  };
  static Rule parseRule(const json& value, const std::string& field);
  static bool matchesFields(const Rule& rule, const JobFacts& facts);

  std::vector<Rule> rules_;
};

}  // namespace stepsim::batch
