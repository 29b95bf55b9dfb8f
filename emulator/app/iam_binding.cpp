#include "emulator/app/iam_binding.h"

#include <limits>

#include "emulator/app/service_protocols.h"
#include "emulator/app/service_state.h"
#include "emulator/app/wire_protocols.h"
#include "emulator/iam/iam_service.h"

namespace stepsim::app::iam_binding {

const WireProtocol& wire() {
  static const AwsQueryWire wire(iamProtocol());
  return wire;
}

void serve(AccountRegion& place, ServiceCall call, Answer answer) {
  serveFromState<iam::IamService>(place, kIamBinding, wire(), call, answer);
}

std::unique_ptr<ServiceState> createState(AccountRegion& place) {
  return makeServiceState<iam::IamService>(place.simulation());
}

}  // namespace stepsim::app::iam_binding

namespace stepsim::app {

iam::IdentityStore& identityStore(AccountRegion& place) {
  return stateOf<iam::IamService>(place, kIamBinding).store();
}

lambda::RoleCredentials functionCredentials(AccountRegion& place, const std::string& roleArn,
                                            const std::string& functionName) {
  iam::IdentityStore& store = identityStore(place);
  const iam::Role* role = store.roleByArn(roleArn);
  const iam::Session& session =
      store.issueSession(std::numeric_limits<core::TimeMs>::max(), roleArn,
                         role ? role->id : std::string(), functionName);
  return {session.accessKeyId, session.secretAccessKey, session.sessionToken};
}

}  // namespace stepsim::app
