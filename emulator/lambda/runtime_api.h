#pragma once
// The Lambda Runtime API (2018-06-01) as stepsim serves it to a worker: which call a request is,
// and the responses the runtime expects.
#include <cstdint>
#include <optional>
#include <string>

#include "emulator/protocol/http_message.h"

namespace stepsim::lambda {

struct RuntimeCall {
  enum Kind { Next, Response, Error, InitError, Unknown } kind = Unknown;
  std::string requestId;  // for Response and Error
};

// GET  /2018-06-01/runtime/invocation/next
// POST /2018-06-01/runtime/invocation/{id}/response | /error
// POST /2018-06-01/runtime/init/error
RuntimeCall parseRuntimeCall(const protocol::HttpRequest& request);

// The answer to invocation/next: the event as the body, the invocation in Lambda-Runtime-* headers.
protocol::HttpResponse invocationResponse(const std::string& requestId,
                                          const std::string& invokedArn, std::int64_t deadlineMs,
                                          const std::optional<std::string>& clientContext,
                                          const std::string& payload);
protocol::HttpResponse runtimeAccepted();  // 202 {"status":"OK"}
protocol::HttpResponse runtimeError(int status, const std::string& type,
                                    const std::string& message);

// The error document a runtime posted to /error or /init/error: a JSON object with an errorType is
// kept as the runtime wrote it (Invoke answers with that text); one without gets the
// Lambda-Runtime-Function-Error-Type header's; a body that is not a JSON object is wrapped so the
// caller always gets {"errorType", "errorMessage", ...}.
std::string errorBody(const protocol::HttpRequest& request);

}  // namespace stepsim::lambda
