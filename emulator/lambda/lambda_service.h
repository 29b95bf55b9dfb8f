#pragma once
// The emulated AWS Lambda service's control plane: functions, versions, aliases, tags and account
// settings, with the shapes and errors real SDK clients expect.
#include <memory>
#include <string_view>

#include "emulator/core/json.h"
#include "emulator/core/simulation.h"
#include "emulator/lambda/builtin_handlers.h"
#include "emulator/lambda/invocation.h"
#include "emulator/lambda/log_writer.h"
#include "emulator/lambda/process_host.h"
#include "emulator/lambda/role_credentials.h"
#include "emulator/lambda/scripted_responses.h"

namespace stepsim::lambda {

class LambdaState;  // private: functions, versions, aliases
class Invoker;      // private: the Invoke path and the workers running real code

class LambdaService {
 public:
  explicit LambdaService(core::Simulation& simulation);
  ~LambdaService();
  LambdaService(const LambdaService&) = delete;
  LambdaService& operator=(const LambdaService&) = delete;

  // Runs one API operation named as in the model ("CreateFunction"). `input` has already been
  // bound and checked against the model's input shape by the protocol layer; the handler enforces
  // the rest (names, qualifiers, ranges, references, preconditions). Returns the output object;
  // throws core::AwsError with Lambda's modeled exceptions and statuses for client mistakes.
  stepsim::Json handle(std::string_view operation, const stepsim::Json& input);
  // False for operations of the model this emulator does not implement.
  bool implements(std::string_view operation) const;

  // Invoke (see invocation.h): throws core::AwsError for a bad request; the function's answer, or
  // the call's own failure, reaches `done` exactly once, now or later.
  void invoke(const InvokeRequest& request, InvokeCallback done);
  // The scripted responses and every function's invocation counter.
  ScriptBook& scripts();

  // The "fake:<name>" handlers; not owned, must outlive the service.
  void setBuiltinHandlers(BuiltinHandlers* builtins);
  // How real code gets its role's credentials (kept until the service goes).
  void setCredentialIssuer(CredentialIssuer issuer);
  // Where every invocation's log lines go (kept until the service goes).
  void setLogWriter(LogWriter writer);
  // Where real code runs; not owned. nullptr stops every worker (the server is going away).
  void setProcessHost(ProcessHost* host);
  // A Runtime API request from a worker, arriving on its private channel.
  // Whether `channel` is one of this service's workers.
  bool ownsRuntimeChannel(std::uint64_t channel) const;
  void handleRuntimeRequest(std::uint64_t channel, const protocol::HttpRequest& request,
                            RuntimeReply reply);

 private:
  std::unique_ptr<LambdaState> state_;
  std::unique_ptr<Invoker> invoker_;
};

}  // namespace stepsim::lambda
