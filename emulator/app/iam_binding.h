#pragma once
// IAM on the wire: the Query protocol, signed as "iam". Its state, the account's IdentityStore,
// is also where STS finds roles, the dispatcher finds who signed a request and permission checks
// find policies: identityStore() reaches it.
#include "emulator/app/service_binding.h"

namespace stepsim::app::iam_binding {
const WireProtocol& wire();
void serve(Emulator& emulator, ServiceCall call, Answer answer);
std::unique_ptr<ServiceState> createState(Emulator& emulator);
}  // namespace stepsim::app::iam_binding

namespace stepsim::app {
inline constexpr ServiceBinding kIamBinding{"iam",
                                            "",
                                            nullptr,
                                            &iam_binding::wire,
                                            "ServiceFailure",
                                            &iam_binding::serve,
                                            &iam_binding::createState,
                                            "ExpiredToken"};

// The account's roles, users, policies and sessions.
iam::IdentityStore& identityStore(Emulator& emulator);
}  // namespace stepsim::app
