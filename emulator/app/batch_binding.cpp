#include "emulator/app/batch_binding.h"

#include "emulator/app/emulator.h"
#include "emulator/app/service_protocols.h"
#include "emulator/app/wire_protocols.h"
#include "emulator/batch/batch_service.h"

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

void serve(Emulator& emulator, ServiceCall call, Answer answer) {
  batch::BatchService& batch = emulator.batch();
  const std::string& operation = emulatedOperation(batch, call);
  // DescribeJobs of jobs that have not changed answers with the text kept from last time.
  if (auto body = batch.handleSerialized(operation, call.request.input))
    return answer(restJson().encodeBody(operation, std::move(*body), call.requestId));
  answerAtOnce(batch, restJson(), call, answer);
}

}  // namespace stepsim::app::batch_binding
