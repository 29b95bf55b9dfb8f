#pragma once
// Scripted Lambda responses, in the spirit of Step Functions Local's mocked responses: the control
// API body {"functionName": "CheckJob", "responses": {"0": R, "1-2": R, ...}} parsed and checked,
// and a ScriptBook that counts each function's invocations and says which ones are scripted.
//
// Keys are 0-based invocation numbers ("0") or inclusive ranges ("1-2"). R is exactly one of
//   {"Return": <any JSON>}                          the function returns this value
//   {"Throw": {"Error": "...", "Cause": "..."}}      a function error (errorType, errorMessage)
//   {"ServiceError": "TooManyRequestsException"}    the Invoke call itself fails with that error
// plus, on any R, an optional "DurationSeconds": N of virtual time (0-900) the invocation takes.
// Pure: no clock, no I/O; the Invoke path decides what to do with a response.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "emulator/core/aws_error.h"
#include "emulator/core/json.h"
#include "emulator/core/time_types.h"

namespace stepsim::lambda {

// The highest invocation number a key may name.
inline constexpr std::int64_t kMaxScriptedInvocation = 1'000'000'000;
// At most this many keys in one script.
inline constexpr std::size_t kMaxScriptEntries = 10'000;

struct ScriptedReturn {
  stepsim::Json value;
};
struct ScriptedThrow {
  std::string error;                 // errorType
  std::optional<std::string> cause;  // errorMessage
};
struct ScriptedServiceError {
  std::string code;  // e.g. "TooManyRequestsException"
  int httpStatus;    // from serviceErrorStatus()
};

struct ScriptedResponse {
  std::variant<ScriptedReturn, ScriptedThrow, ScriptedServiceError> outcome;
  core::TimeMs durationMs = 0;  // DurationSeconds, rounded to the millisecond
  stepsim::Json source;        // R as given, for listing

  const ScriptedReturn* asReturn() const { return std::get_if<ScriptedReturn>(&outcome); }
  const ScriptedThrow* asThrow() const { return std::get_if<ScriptedThrow>(&outcome); }
  const ScriptedServiceError* asServiceError() const {
    return std::get_if<ScriptedServiceError>(&outcome);
  }
};

// Invocations first..last (inclusive, 0-based) get `response`.
struct ScriptEntry {
  std::int64_t first = 0;
  std::int64_t last = 0;
  std::string key;  // as given ("1-2")
  ScriptedResponse response;
};

struct ScriptedResponses {
  std::string functionName;          // the bare function name (an ARN is reduced to it)
  std::vector<ScriptEntry> entries;  // sorted by `first`, never overlapping

  // The response for invocation number `n`, or nullptr when the script says nothing about it.
  const ScriptedResponse* find(std::int64_t n) const;
  // {"functionName": ..., "responses": {key: R as given, ...}} in invocation order.
  stepsim::Json toJson() const;
};

// Parses and checks a control-API body. Throws core::AwsError("ValidationError", 400) whose message
// starts with the bad field, e.g. `responses["1-2"].Throw.Error: must be 1-256 characters`.
// functionName may be a name or an unqualified function ARN (full or partial); it is reduced to the
// name. Scripts apply to the function as a whole, so a qualified name or ARN is refused.
ScriptedResponses parseScriptedResponses(const stepsim::Json& body);

// The Lambda Invoke errors a script may make the service answer with, and their HTTP statuses.
// nullopt for any other code.
std::optional<int> serviceErrorStatus(std::string_view code);
// Every allowed ServiceError code, sorted.
std::vector<std::string> serviceErrorCodes();
// The error the Invoke call throws for a scripted ServiceError: its code and status, a message
// saying it was scripted, and Lambda's "Type" member ("User" for 4xx, "Service" for 5xx).
core::AwsError scriptedServiceError(const ScriptedServiceError& error,
                                    std::string_view functionName, std::int64_t invocation);

// The scripts installed through the control API and every function's invocation counter. Keyed by
// bare function name; iteration (and so list()) is in name order.
class ScriptBook {
 public:
  // Installs `script` for its function, REPLACING any script that function had (scripts are not
  // merged), and restarts that function's counter at 0: key "0" is the first invocation after the
  // install. Other functions' scripts and counters are untouched.
  void install(ScriptedResponses script);
  // Drops every script and every counter.
  void clear();
  // Counts one invocation of `functionName` — EVERY invocation, from HTTP or from Step Functions,
  // whether scripted or not — and returns the scripted response for its number, if any. nullopt
  // means the function's own handler runs (an unscripted number, or past the end of the script).
  std::optional<ScriptedResponse> next(const std::string& functionName);
  // How many invocations of `functionName` have been counted since its script was installed or
  // the book was cleared.
  std::int64_t invocations(const std::string& functionName) const;
  // For a GET: {"functions": [{"functionName", "invocations", "responses"?}, ...]} by name;
  // "responses" only where a script is installed.
  stepsim::Json list() const;

 private:
  std::map<std::string, ScriptedResponses, std::less<>> scripts_;
  std::map<std::string, std::int64_t, std::less<>> counters_;
};

}  // namespace stepsim::lambda
