#pragma once
// AWS Step Functions on the wire: awsJson 1.0, X-Amz-Target "AWSStepFunctions.<Operation>".
// StartSyncExecution, TestState and GetActivityTask answer when their work ends.
#include "emulator/app/service_binding.h"

namespace stepsim::app::sfn_binding {
const WireProtocol& wire();
void serve(AccountRegion& place, ServiceCall call, Answer answer);
std::vector<Permission> permissions(const ServiceCall& call, const AwsPlace& place);
}  // namespace stepsim::app::sfn_binding

namespace stepsim::app {
inline constexpr ServiceBinding kStepFunctionsBinding{.name = "states",
                                                      .targetPrefix = "AWSStepFunctions.",
                                                      .wire = &sfn_binding::wire,
                                                      .internalErrorCode = "ServiceException",
                                                      .serve = &sfn_binding::serve,
                                                      .permissions = &sfn_binding::permissions};
}  // namespace stepsim::app
