#pragma once
// STS on the wire: the Query protocol, signed as "sts". It keeps no state of its own: sessions
// and roles are the account's (identityStore()).
#include "emulator/app/service_binding.h"

namespace stepsim::app::sts_binding {
const WireProtocol& wire();
void serve(AccountRegion& place, ServiceCall call, Answer answer);
}  // namespace stepsim::app::sts_binding

namespace stepsim::app {
inline constexpr ServiceBinding kStsBinding{.name = "sts",
                                            .wire = &sts_binding::wire,
                                            .internalErrorCode = "InternalFailure",
                                            .serve = &sts_binding::serve,
                                            .accessDeniedCode = "AccessDenied"};
}  // namespace stepsim::app
