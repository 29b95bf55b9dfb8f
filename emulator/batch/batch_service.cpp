// The operation table: model operation name → handler.
#include "emulator/batch/batch_service.h"

#include <algorithm>
#include <array>
#include <utility>

#include "emulator/batch/batch_state.h"
#include "emulator/batch/handlers.h"
#include "emulator/batch/input.h"

namespace stepsim::batch {

namespace {

using Handler = json (*)(BatchState&, const json&);

// Sorted by name for binary search.
constexpr std::array<std::pair<std::string_view, Handler>, 19> kHandlers = {{
    {"CancelJob", cancelJob},
    {"CreateComputeEnvironment", createComputeEnvironment},
    {"CreateJobQueue", createJobQueue},
    {"DeleteComputeEnvironment", deleteComputeEnvironment},
    {"DeleteJobQueue", deleteJobQueue},
    {"DeregisterJobDefinition", deregisterJobDefinition},
    {"DescribeComputeEnvironments", describeComputeEnvironments},
    {"DescribeJobDefinitions", describeJobDefinitions},
    {"DescribeJobQueues", describeJobQueues},
    {"DescribeJobs", describeJobs},
    {"ListJobs", listJobs},
    {"ListTagsForResource", listTagsForResource},
    {"RegisterJobDefinition", registerJobDefinition},
    {"SubmitJob", submitJob},
    {"TagResource", tagResource},
    {"TerminateJob", terminateJob},
    {"UntagResource", untagResource},
    {"UpdateComputeEnvironment", updateComputeEnvironment},
    {"UpdateJobQueue", updateJobQueue},
}};

Handler find(std::string_view operation) {
  auto it =
      std::lower_bound(kHandlers.begin(), kHandlers.end(), operation,
                       [](const auto& entry, std::string_view op) { return entry.first < op; });
  return it != kHandlers.end() && it->first == operation ? it->second : nullptr;
}

}  // namespace

BatchService::BatchService(core::Simulation& simulation)
    : state_(std::make_unique<BatchState>(simulation)) {}

BatchService::~BatchService() = default;

nlohmann::json BatchService::handle(std::string_view operation, const nlohmann::json& input) {
  Handler handler = find(operation);
  if (!handler) clientError("operation " + shown(operation) + " is not supported");
  if (!input.is_null() && !input.is_object()) clientError("the request body must be a JSON object");
  try {
    return handler(*state_, input.is_null() ? json::object() : input);
  } catch (const json::exception& e) {
    // A request shape the checks above missed: still the client's mistake, never a crash.
    clientError(std::string("invalid request: ") + e.what());
  }
}

bool BatchService::implements(std::string_view operation) const {
  return find(operation);
}

void BatchService::addLifecycleRules(const nlohmann::json& body) {
  state_->rules.add(body);
}

void BatchService::clearLifecycleRules() {
  state_->rules.clear();
}

nlohmann::json BatchService::listLifecycleRules() const {
  return state_->rules.list();
}

}  // namespace stepsim::batch
