#include "emulator/app/batch_binding.h"

#include "emulator/app/account_region.h"
#include "emulator/app/service_protocols.h"
#include "emulator/app/wire_protocols.h"
#include "emulator/batch/batch_service.h"
#include "emulator/batch/names.h"

namespace stepsim::app::batch_binding {
namespace {

const RestJsonWire& restJson() {
  static const RestJsonWire wire(batchProtocol());
  return wire;
}

}  // namespace

bool ownsPath(std::string_view path) {
  return path.starts_with("/v1/");
}

const WireProtocol& wire() {
  return restJson();
}

void serve(AccountRegion& place, ServiceCall call, Answer answer) {
  batch::BatchService& batch = place.batch();
  const std::string& operation = emulatedOperation(batch, call);
  // DescribeJobs of jobs that have not changed answers with the text kept from last time.
  if (auto body = batch.handleSerialized(operation, call.request.input))
    return answer(restJson().encodeBody(operation, std::move(*body), call.requestId));
  answerAtOnce(batch, restJson(), call, answer);
}

// Batch's actions are its operations; SubmitJob is checked on the job definition and the queue,
// the others on the resource they name, and the Describe and List calls on "*".
std::vector<Permission> permissions(const ServiceCall& call, const AwsPlace& place) {
  const stepsim::Json& input = call.request.input;
  std::string action = "batch:" + call.request.operation;
  batch::Arns arns(place.region, place.account);
  if (call.request.operation == "SubmitJob")
    return {{action, arns.arnOf(stringMember(input, "jobDefinition"), "job-definition")},
            {action, arns.arnOf(stringMember(input, "jobQueue"), "job-queue")}};
  static constexpr std::pair<const char*, const char*> kNamed[] = {
      {"jobQueue", "job-queue"},
      {"jobQueueName", "job-queue"},
      {"computeEnvironment", "compute-environment"},
      {"computeEnvironmentName", "compute-environment"},
      {"jobDefinition", "job-definition"},
      {"jobDefinitionName", "job-definition"},
      {"jobId", "job"}};
  if (std::string arn = stringMember(input, "resourceArn"); !arn.empty()) return {{action, arn}};
  for (const auto& [member, kind] : kNamed)
    if (std::string value = stringMember(input, member); !value.empty())
      return {{action, arns.arnOf(value, kind)}};
  return {{action, "*"}};
}

}  // namespace stepsim::app::batch_binding
