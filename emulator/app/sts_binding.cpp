#include "emulator/app/sts_binding.h"

#include "emulator/app/account_region.h"
#include "emulator/app/iam_binding.h"
#include "emulator/app/service_protocols.h"
#include "emulator/app/wire_protocols.h"
#include "emulator/iam/sts_service.h"

namespace stepsim::app::sts_binding {

const WireProtocol& wire() {
  static const AwsQueryWire wire(stsProtocol());
  return wire;
}

void serve(AccountRegion& place, ServiceCall call, Answer answer) {
  iam::StsService sts(identityStore(place), place.permissionMode());
  const std::string& operation = emulatedOperation(sts, call);
  answer(wire().encode(operation, sts.handle(operation, call.request.input, call.caller),
                       call.requestId));
}

}  // namespace stepsim::app::sts_binding
