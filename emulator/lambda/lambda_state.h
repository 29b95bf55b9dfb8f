#pragma once
// Everything the Lambda service owns, and the lookups every handler shares so a function is named
// the same way in every operation.
#include <memory>
#include <string>
#include <string_view>

#include "emulator/core/simulation.h"
#include "emulator/lambda/builtin_handlers.h"
#include "emulator/lambda/log_writer.h"
#include "emulator/lambda/model.h"
#include "emulator/lambda/names.h"
#include "emulator/lambda/role_credentials.h"

namespace stepsim::lambda {

// A function name (+ qualifier) resolved to the configuration it selects.
struct Resolved {
  Function* function = nullptr;
  const FunctionConfig* config = nullptr;
  std::string version;       // "$LATEST" or "N" (an alias resolves to its version)
  std::string arnQualifier;  // what FunctionArn carries after the name: "", "$LATEST", "N", alias
};

class LambdaState {
 public:
  explicit LambdaState(core::Simulation& simulation);

  core::Simulation& sim;
  Arns arns;
  // The built-in handlers ("fake:<name>"), provided by the composition root; null in tests that
  // need none (a fake handler is then refused at CreateFunction).
  BuiltinHandlers* builtins = nullptr;
  // Credentials of a function's role for its real code; unset: stepsim's placeholder keys.
  CredentialIssuer issueCredentials;
  // Where invocations' logs go; unset: nowhere.
  LogWriter writeLog;
  // Told of every configuration a function is given (created, reconfigured): real code's runtime
  // can start warming before the first invocation. Unset: no one listens.
  std::function<void(const FunctionConfig&)> configured;
  std::map<std::string, std::string> logStreams;  // "function:version" → its log stream
  std::map<std::string, std::unique_ptr<Function>, std::less<>> functions;  // by name

  std::string newRevisionId();
  std::string nowText() const;  // LastModified

  // The function `ref` names (its qualifier ignored); ResourceNotFoundException when unknown,
  // naming the function with `unqualifiedAs` as its qualifier when `ref` has none (Invoke says
  // ":$LATEST", as AWS does).
  Function& function(const FunctionRef& ref, std::string_view unqualifiedAs = {});
  // For operations on the function itself: a qualifier other than $LATEST is refused.
  Function& unqualified(std::string_view functionName);
  // $LATEST (no qualifier), a version or an alias; ResourceNotFoundException when unknown.
  Resolved resolve(const FunctionRef& ref, std::string_view unqualifiedAs = {});
};

// The published version of `fn` that `text` names ("1"), or null: a number no version has, or a
// spelling no version is written with ("01").
const FunctionConfig* findVersion(const Function& fn, std::string_view text);

}  // namespace stepsim::lambda
