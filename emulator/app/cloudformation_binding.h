#pragma once
// CloudFormation on the wire: the Query protocol, signed as "cloudformation". Its stacks'
// resources are made in the other emulated services (cfn_resources/).
#include "emulator/app/service_binding.h"

namespace stepsim::cfn {
class CloudFormationService;
}

namespace stepsim::app::cloudformation_binding {
const WireProtocol& wire();
void serve(AccountRegion& place, ServiceCall call, Answer answer);
std::unique_ptr<ServiceState> createState(AccountRegion& place);
}  // namespace stepsim::app::cloudformation_binding

namespace stepsim::app {
inline constexpr ServiceBinding kCloudFormationBinding{
    .name = "cloudformation",
    .wire = &cloudformation_binding::wire,
    .internalErrorCode = "InternalFailure",
    .serve = &cloudformation_binding::serve,
    .createState = &cloudformation_binding::createState,
    .expiredTokenCode = "ExpiredToken",
    .accessDeniedCode = "AccessDenied"};

// The region's stacks (scenario files deploy templates through it).
cfn::CloudFormationService& cloudFormation(AccountRegion& place);
}  // namespace stepsim::app
