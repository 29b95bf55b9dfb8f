#include "emulator/batch/batch_state.h"

namespace stepsim::batch {

BatchState::BatchState(core::Simulation& simulation)
    : sim(simulation),
      arns(simulation.config().region, simulation.config().account),
      runner(simulation, *this),
      finishedJobs(simulation, simulation.config().maxFinishedJobs,
                   [this](const std::vector<Job*>& oldest) { dropJobs(oldest); }) {}

BatchState::~BatchState() {
  for (auto& [id, job] : jobs) runner.stop(*job);
}

void BatchState::dropJobs(const std::vector<Job*>& dropped) {
  auto forget = [this](const Job& job) {
    // A job that ended while still waiting on another (cancelled, terminated) leaves the other's
    // list of dependents, which would otherwise point at nothing when the other finishes.
    for (const json& dependency : job.dependsOnSource)
      if (Job* on = findJob(dependency.value("jobId", ""))) std::erase(on->dependents, &job);
    jobs.erase(jobs.find(job.id));
  };
  for (const Job* job : dropped) {
    submittedJobs.erase(job->seq);
    for (const Job* child : job->children) forget(*child);
    forget(*job);
  }
}

ComputeEnvironment* BatchState::findComputeEnvironment(std::string_view ref) {
  std::string_view name = arns.nameOf(ref, "compute-environment");
  for (auto& ce : computeEnvironments)
    if (ce->name == name) return ce.get();
  return nullptr;
}

JobQueue* BatchState::findJobQueue(std::string_view ref) {
  std::string_view name = arns.nameOf(ref, "job-queue");
  for (auto& q : jobQueues)
    if (q->name == name) return q.get();
  return nullptr;
}

Job* BatchState::findJob(std::string_view ref) {
  if (auto rest = arns.resourcePart(ref, "job")) ref = *rest;
  auto it = jobs.find(ref);
  return it == jobs.end() ? nullptr : it->second.get();
}

std::string BatchState::clusterNameFor(std::string_view queueArn) {
  if (JobQueue* q = findJobQueue(queueArn); q && !q->computeEnvironmentOrder.empty()) {
    const json& first = q->computeEnvironmentOrder.front();
    if (ComputeEnvironment* ce = findComputeEnvironment(first.value("computeEnvironment", ""))) {
      auto slash = ce->ecsClusterArn.rfind('/');
      return ce->ecsClusterArn.substr(slash + 1);
    }
  }
  return "default";
}

}  // namespace stepsim::batch
