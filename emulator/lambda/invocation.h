#pragma once
// One Lambda invocation as a value: what the caller asks (Invoke's members) and what comes back.
// HTTP and the Step Functions engine build the same InvokeRequest and get the same outcome, so
// scripts, counters and faults apply whichever way a call arrives.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "emulator/core/aws_error.h"

namespace stepsim::lambda {

// Lambda's payload limits: 6 MB for a synchronous request or response, 1 MB for an Event.
inline constexpr std::size_t kMaxSyncPayloadBytes = 6 * 1024 * 1024;
inline constexpr std::size_t kMaxEventPayloadBytes = 1024 * 1024;
// LogType Tail returns at most this much of the end of the log.
inline constexpr std::size_t kLogTailBytes = 4 * 1024;

// The X-Ray trace header of an invocation, derived from its request id so that it is stable:
// what the runtime gets in Lambda-Runtime-Trace-Id and lambda:invoke reports in X-Amzn-Trace-Id.
inline std::string invocationTraceId(const std::string& requestId) {
  return "Root=1-00000000-" + requestId.substr(0, 8) + ";Sampled=0";
}

enum class InvocationType { RequestResponse, Event, DryRun };

struct InvokeRequest {
  std::string functionName;               // name, partial or full ARN, optionally ":qualifier"
  std::optional<std::string> qualifier;   // the Qualifier parameter
  InvocationType type = InvocationType::RequestResponse;
  bool tailLog = false;                   // LogType: Tail
  std::string payload;                    // the event, JSON text ("" means {})
  // In-process callers (Step Functions) may pass the event already parsed; `payload` must still
  // be its text (the size limits apply to it). Saves parsing what the caller just serialized.
  std::optional<stepsim::Json> event;
  std::optional<std::string> clientContext;  // base64 JSON, passed on to real code
  std::string requestId;                  // empty: one is drawn from the "lambda-requests" stream
};

struct InvokeResult {
  int statusCode = 200;                     // 200, 202 (Event) or 204 (DryRun)
  std::string payload;                      // the function's result or error document
  // The result as JSON when the handler ran in-process (built-in fakes, scripted Return), so
  // in-process callers need not parse `payload` back.
  std::optional<stepsim::Json> value;
  std::optional<std::string> functionError;  // "Unhandled" for a function error
  std::optional<std::string> logResult;     // base64 of the log tail, when asked for
  std::string executedVersion;              // "$LATEST" or "N"
  std::string requestId;
  std::string printed;  // what the code printed, for the function's log
  double durationMs = 0;
  std::optional<double> initDurationMs;  // real code: the init phase of a worker's first invocation
};

// Either the function's answer (which may be a function error) or the Invoke call's own failure.
using InvokeOutcome = std::variant<InvokeResult, core::AwsError>;
// Called exactly once, possibly before invoke() returns (built-in and scripted handlers that take
// no virtual time), possibly later (scripted durations, real code).
using InvokeCallback = std::function<void(InvokeOutcome)>;

}  // namespace stepsim::lambda
