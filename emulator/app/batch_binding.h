#pragma once
// AWS Batch on the wire: rest-json under /v1/.
#include "emulator/app/service_binding.h"

namespace stepsim::app::batch_binding {
bool ownsPath(std::string_view path);
const WireProtocol& wire();
void serve(Emulator& emulator, ServiceCall call, Answer answer);
}  // namespace stepsim::app::batch_binding

namespace stepsim::app {
inline constexpr ServiceBinding kBatchBinding{"batch",
                                              "",
                                              &batch_binding::ownsPath,
                                              &batch_binding::wire,
                                              "ServerException",
                                              &batch_binding::serve};
}  // namespace stepsim::app
