#pragma once
// AWS Lambda on the wire: rest-json under dated prefixes (/2015-03-31/, ...). Invoke answers when
// the function returns; DeleteFunction answers 204; every error carries Lambda's Type and Message.
#include "emulator/app/service_binding.h"

namespace stepsim::app::lambda_binding {
bool ownsPath(std::string_view path);
const WireProtocol& wire();
void serve(AccountRegion& place, ServiceCall call, Answer answer);
std::vector<Permission> permissions(const ServiceCall& call, const AwsPlace& place);
}  // namespace stepsim::app::lambda_binding

namespace stepsim::app {
inline constexpr ServiceBinding kLambdaBinding{.name = "lambda",
                                               .ownsPath = &lambda_binding::ownsPath,
                                               .wire = &lambda_binding::wire,
                                               .internalErrorCode = "ServiceException",
                                               .serve = &lambda_binding::serve,
                                               .permissions = &lambda_binding::permissions};
}  // namespace stepsim::app
