#pragma once
// IAM on the wire: the Query protocol, signed as "iam". Its state, the account's IdentityStore,
// is also where STS finds roles, the dispatcher finds who signed a request and permission checks
// find policies: identityStore() reaches it.
#include "emulator/app/service_binding.h"
#include "emulator/lambda/role_credentials.h"

namespace stepsim::app::iam_binding {
const WireProtocol& wire();
void serve(AccountRegion& place, ServiceCall call, Answer answer);
std::unique_ptr<ServiceState> createState(AccountRegion& place);
}  // namespace stepsim::app::iam_binding

namespace stepsim::app {
inline constexpr ServiceBinding kIamBinding{.name = "iam",
                                            .wire = &iam_binding::wire,
                                            .internalErrorCode = "ServiceFailure",
                                            .serve = &iam_binding::serve,
                                            .createState = &iam_binding::createState,
                                            .global = true,
                                            .expiredTokenCode = "ExpiredToken",
                                            .accessDeniedCode = "AccessDenied"};

// The account's roles, users, policies and sessions.
iam::IdentityStore& identityStore(AccountRegion& place);

// A session of `roleArn` named after the function, for its real code: calls signed with it are
// the role's. It does not expire: a warm worker may outlive any span of virtual time, and AWS
// renews a function's credentials before they run out.
lambda::RoleCredentials functionCredentials(AccountRegion& place, const std::string& roleArn,
                                            const std::string& functionName);
}  // namespace stepsim::app
