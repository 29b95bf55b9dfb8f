#pragma once
// AWS Lambda on the wire: rest-json under dated prefixes (/2015-03-31/, ...). Invoke answers when
// the function returns; DeleteFunction answers 204; every error carries Lambda's Type and Message.
#include "emulator/app/service_binding.h"

namespace stepsim::app::lambda_binding {
bool ownsPath(std::string_view path);
const WireProtocol& wire();
void serve(Emulator& emulator, ServiceCall call, Answer answer);
}  // namespace stepsim::app::lambda_binding

namespace stepsim::app {
inline constexpr ServiceBinding kLambdaBinding{"lambda",
                                               "",
                                               &lambda_binding::ownsPath,
                                               &lambda_binding::wire,
                                               "ServiceException",
                                               &lambda_binding::serve};
}  // namespace stepsim::app
