#pragma once
// AWS Step Functions on the wire: awsJson 1.0, X-Amz-Target "AWSStepFunctions.<Operation>".
// StartSyncExecution, TestState and GetActivityTask answer when their work ends.
#include "emulator/app/service_binding.h"

namespace stepsim::app::sfn_binding {
const WireProtocol& wire();
void serve(Emulator& emulator, ServiceCall call, Answer answer);
}  // namespace stepsim::app::sfn_binding

namespace stepsim::app {
inline constexpr ServiceBinding kStepFunctionsBinding{
    "states",           "AWSStepFunctions.", nullptr,
    &sfn_binding::wire, "ServiceException",  &sfn_binding::serve};
}  // namespace stepsim::app
