#pragma once
// The test-bed control API under /_stepsim/: health, the virtual clock, reset, Batch lifecycle
// rules and scripted Lambda responses. JSON in and out; errors are {"message": ...} with a 4xx status.

#include "emulator/core/json.h"
#include "emulator/protocol/http_message.h"

namespace stepsim::app {

class Emulator;

// A control API answer: `body` as JSON with `status`.
protocol::HttpResponse controlJsonResponse(int status, const stepsim::Json& body);

protocol::HttpResponse handleControlRequest(Emulator& emulator,
                                            const protocol::HttpRequest& request);

}  // namespace stepsim::app
