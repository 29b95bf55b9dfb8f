// The operation table: model operation name → handler.
#include "emulator/batch/batch_service.h"

#include <algorithm>
#include <array>
#include <utility>

#include "emulator/batch/batch_state.h"
#include "emulator/batch/handlers.h"
#include "emulator/batch/input.h"
#include "emulator/batch/job_view.h"
#include "emulator/core/operation_table.h"

namespace stepsim::batch {

namespace {

using Handler = json (*)(BatchState&, const json&);

// Sorted by name for binary search.
constexpr core::OperationTable<Handler, 19> kHandlers = {{
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

static_assert(core::isSortedByName(kHandlers));

Handler find(std::string_view operation) {
  return core::findOperation(kHandlers, operation);
}

}  // namespace

BatchService::BatchService(core::Simulation& simulation)
    : state_(std::make_unique<BatchState>(simulation)) {}

BatchService::~BatchService() = default;

namespace {

// Runs `call` on the request object (an absent body is an empty one).
template <typename Call>
auto onRequestObject(const json& input, Call&& call) {
  if (!input.is_null() && !input.is_object()) clientError("the request body must be a JSON object");
  static const json kEmpty = json::object();
  return call(input.is_null() ? kEmpty : input);
}

}  // namespace

stepsim::Json BatchService::handle(std::string_view operation, const stepsim::Json& input) {
  Handler handler = find(operation);
  if (!handler) clientError("operation " + shown(operation) + " is not supported");
  return onRequestObject(input, [&](const json& in) { return handler(*state_, in); });
}

std::optional<std::string> BatchService::handleSerialized(std::string_view operation,
                                                          const stepsim::Json& input) {
  if (operation != "DescribeJobs") return std::nullopt;
  return onRequestObject(input, [&](const json& in) { return describeJobsText(*state_, in); });
}

bool BatchService::implements(std::string_view operation) const {
  return find(operation);
}

const stepsim::Json* BatchService::describeJob(std::string_view jobId) {
  Job* job = state_->findJob(jobId);
  return job ? &jobDetail(*job) : nullptr;
}

bool BatchService::watchJob(std::string_view jobId, std::function<void()> finished) {
  Job* job = state_->findJob(jobId);
  if (!job) return false;
  if (job->status == JobStatus::Succeeded || job->status == JobStatus::Failed) {
    finished();
    return true;
  }
  state_->finishWatchers.emplace(job->id, std::move(finished));
  return true;
}

void BatchService::addLifecycleRules(const stepsim::Json& body) {
  state_->rules.add(body);
}

void BatchService::clearLifecycleRules() {
  state_->rules.clear();
}

stepsim::Json BatchService::listLifecycleRules() const {
  return state_->rules.list();
}

stepsim::Json BatchService::listJobHistories() const {
  stepsim::Json jobs = stepsim::Json::array();
  for (const auto& [seq, job] : state_->submittedJobs) jobs.push_back(jobStatusHistory(*job));
  return {{"jobs", std::move(jobs)}};
}

}  // namespace stepsim::batch
