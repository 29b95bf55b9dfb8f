#pragma once
// Everything the Batch service owns: resources in creation order (a defined output order), jobs
// by id (finished ones up to the configured number), the lifecycle rules and the runner that plays
// jobs on the clock.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "emulator/batch/job_runner.h"
#include "emulator/batch/lifecycle_rules.h"
#include "emulator/batch/model.h"
#include "emulator/batch/names.h"
#include "emulator/core/retention.h"
#include "emulator/core/simulation.h"
#include "emulator/core/string_hash_map.h"

namespace stepsim::batch {

template <typename T>
using StringMap = core::StringHashMap<T>;

class BatchState {
 public:
  explicit BatchState(core::Simulation& simulation);
  ~BatchState();  // cancels the jobs' timers: they point into this state

  core::Simulation& sim;
  Arns arns;
  std::vector<std::unique_ptr<ComputeEnvironment>> computeEnvironments;
  std::vector<std::unique_ptr<JobQueue>> jobQueues;
  std::vector<std::unique_ptr<JobDefinition>> jobDefinitions;  // registration order
  StringMap<std::vector<JobDefinition*>> revisions;            // name → revisions 1, 2, ...
  StringMap<std::unique_ptr<Job>> jobs;                        // every job, children included
  // Top-level jobs by submission order (seq); a map, as the oldest finished ones leave it.
  std::map<std::uint64_t, Job*> submittedJobs;
  LifecycleRules rules;
  JobRunner runner;
  std::uint64_t nextJobSeq = 1;
  // Called once when the job (by id) reaches SUCCEEDED or FAILED: Step Functions' .sync tasks.
  std::multimap<std::string, std::function<void()>, std::less<>> finishWatchers;
  // The finished jobs kept, at most config().maxFinishedJobs counting array children (0: all): the
  // oldest top-level jobs are dropped with their children, as if they had never been.
  core::Retention<Job> finishedJobs;

  // Forgets top-level finished jobs and their children entirely.
  void dropJobs(const std::vector<Job*>& dropped);

  // By name or ARN; nullptr when unknown.
  ComputeEnvironment* findComputeEnvironment(std::string_view ref);
  JobQueue* findJobQueue(std::string_view ref);
  // By id or job ARN; nullptr when unknown.
  Job* findJob(std::string_view ref);
  // The ECS cluster a queue's jobs run on (its first compute environment's).
  std::string clusterNameFor(std::string_view queueArn);
};

}  // namespace stepsim::batch
