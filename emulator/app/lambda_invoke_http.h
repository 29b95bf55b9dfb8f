#pragma once
// Lambda Invoke on the wire: the bound rest-json request → an InvokeRequest, and an InvokeResult →
// the response Lambda sends (status 200/202/204, the raw payload as the body, X-Amz-Function-Error,
// X-Amz-Log-Result, X-Amz-Executed-Version).
#include <string>

#include "emulator/lambda/invocation.h"
#include "emulator/protocol/rest_json.h"

namespace stepsim::app {

lambda::InvokeRequest invokeRequestFrom(const protocol::DecodedRequest& decoded,
                                        std::string requestId);
protocol::HttpResponse invokeResponse(const protocol::RestJsonService& service,
                                      lambda::InvokeResult result);

}  // namespace stepsim::app
