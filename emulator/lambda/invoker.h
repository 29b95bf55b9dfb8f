#pragma once
// The Invoke path every caller shares: resolve the function and qualifier, check the payload, count
// the invocation and apply its script, then run the function the way its Handler and Runtime say
// (a built-in fake, or real code in a worker) within its Timeout.
#include <memory>
#include <set>

#include "emulator/core/scheduler.h"
#include "emulator/lambda/invocation.h"
#include "emulator/lambda/lambda_state.h"
#include "emulator/lambda/process_host.h"
#include "emulator/lambda/scripted_responses.h"

namespace stepsim::lambda {

class WorkerPool;

class Invoker {
 public:
  explicit Invoker(LambdaState& state);
  ~Invoker();  // cancels its timers and stops every worker
  Invoker(const Invoker&) = delete;
  Invoker& operator=(const Invoker&) = delete;

  // Real code runs only with a host; detaching (nullptr) stops every worker.
  void setProcessHost(ProcessHost* host);
  ScriptBook& scripts() { return scripts_; }

  // Throws core::AwsError for a bad request (unknown function or qualifier, payload too large or
  // not JSON); everything after that reaches `done`.
  void invoke(const InvokeRequest& request, InvokeCallback done);
  bool ownsRuntimeChannel(std::uint64_t channel) const;
  void handleRuntimeRequest(std::uint64_t channel, const protocol::HttpRequest& request,
                            RuntimeReply reply);

 private:
  struct Call;
  void run(std::shared_ptr<Call> call, InvokeCallback done);
  void runScripted(std::shared_ptr<Call> call, const ScriptedResponse& response,
                   InvokeCallback done);
  void runReal(std::shared_ptr<Call> call, InvokeCallback done);
  void finishLater(core::TimeMs delayMs, std::function<void()> finish);
  static void writeInvocationLog(LambdaState& state, const Call& call, core::TimeMs start,
                                 const InvokeResult& result);

  LambdaState& state_;
  ScriptBook scripts_;
  ProcessHost* host_ = nullptr;
  std::unique_ptr<WorkerPool> pool_;
  std::set<core::TimerId> timers_;
};

}  // namespace stepsim::lambda
