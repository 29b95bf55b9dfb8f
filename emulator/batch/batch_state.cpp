#include "emulator/batch/batch_state.h"

namespace stepsim::batch {

BatchState::BatchState(core::Simulation& simulation)
    : sim(simulation),
      arns(simulation.config().region, simulation.config().account),
      runner(simulation, *this) {}

BatchState::~BatchState() {
  for (auto& [id, job] : jobs) runner.stop(*job);
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
