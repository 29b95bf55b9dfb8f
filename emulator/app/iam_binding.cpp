#include "emulator/app/iam_binding.h"

#include "emulator/app/service_protocols.h"
#include "emulator/app/service_state.h"
#include "emulator/app/wire_protocols.h"
#include "emulator/iam/iam_service.h"

namespace stepsim::app::iam_binding {

const WireProtocol& wire() {
  static const AwsQueryWire wire(iamProtocol());
  return wire;
}

void serve(Emulator& emulator, ServiceCall call, Answer answer) {
  iam::IamService& iam = stateOf<iam::IamService>(emulator, kIamBinding);
  emulatedOperation(iam, call);
  answerAtOnce(iam, wire(), call, answer);
}

std::unique_ptr<ServiceState> createState(Emulator& emulator) {
  return makeServiceState<iam::IamService>(emulator.simulation());
}

}  // namespace stepsim::app::iam_binding

namespace stepsim::app {

iam::IdentityStore& identityStore(Emulator& emulator) {
  return stateOf<iam::IamService>(emulator, kIamBinding).store();
}

}  // namespace stepsim::app
