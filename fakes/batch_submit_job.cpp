// fake:batch-submit-job — the Job Poller sample's SubmitJob: submits the event's job to the
// emulated Batch and returns {jobArn, jobName, jobId}.
#include "emulator/batch/batch_service.h"
#include "emulator/batch/names.h"
#include "emulator/core/aws_error.h"
#include "fakes/event_fields.h"
#include "fakes/fake.h"

namespace stepsim::fakes {

using json = stepsim::Json;

FakeResult batchSubmitJob(FakeContext& context, const json& event) {
  try {
    detail::requireObject(event, "batch-submit-job",
                          "{\"jobName\", \"jobQueue\", \"jobDefinition\", \"parameters\"?, "
                          "\"containerOverrides\"?}");
    json input = {{"jobName", detail::requiredString(event, "jobName")},
                  {"jobQueue", detail::requiredString(event, "jobQueue")},
                  {"jobDefinition", detail::requiredString(event, "jobDefinition")}};
    if (const json* parameters = detail::optionalObject(event, "parameters"))
      input["parameters"] = *parameters;
    if (const json* overrides = detail::optionalObject(event, "containerOverrides"))
      input["containerOverrides"] = *overrides;

    // Batch checks SubmitJob against the job definition and the job queue.
    batch::Arns arns(context.region, context.account);
    context.authorizeCall("batch:SubmitJob",
                          arns.arnOf(input["jobDefinition"].get<std::string>(), "job-definition"));
    context.authorizeCall("batch:SubmitJob",
                          arns.arnOf(input["jobQueue"].get<std::string>(), "job-queue"));
    json output = context.batch.handle("SubmitJob", input);
    return FakeResult::value({{"jobArn", output.value("jobArn", "")},
                              {"jobName", output.value("jobName", "")},
                              {"jobId", output.value("jobId", "")}});
  } catch (const detail::InvalidEvent& e) {
    return e.result();
  } catch (const core::AwsError& e) {
    // What boto3 would raise in a real handler: the Batch error's code and message.
    return FakeResult::error(e.code, e.message);
  }
}

}  // namespace stepsim::fakes
