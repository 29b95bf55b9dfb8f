// fake:batch-job-status — the Job Poller sample's CheckJob: the status of the event's job, as a
// JSON string ("RUNNING"). The sample passes SubmitJob's result, so any object with a jobId does.
#include "emulator/batch/batch_service.h"
#include "emulator/core/aws_error.h"
#include "fakes/event_fields.h"
#include "fakes/fake.h"

namespace stepsim::fakes {

using json = stepsim::Json;

FakeResult batchJobStatus(FakeContext& context, const json& event) {
  try {
    detail::requireObject(event, "batch-job-status", "with a string jobId");
    std::string jobId = detail::requiredString(event, "jobId");
    // DescribeJobs has no resource-level permissions: IAM checks it on "*".
    context.authorizeCall("batch:DescribeJobs", "*");
    // What DescribeJobs shows for the job, read in place (pollers call this constantly).
    const json* job = context.batch.describeJob(jobId);
    if (!job)
      return FakeResult::error(
          "JobNotFound", "No Batch job has the id " +
                             json(jobId).dump(-1, ' ', false, json::error_handler_t::replace));
    return FakeResult::value(job->at("status"));
  } catch (const detail::InvalidEvent& e) {
    return e.result();
  } catch (const core::AwsError& e) {
    return FakeResult::error(e.code, e.message);
  }
}

}  // namespace stepsim::fakes
