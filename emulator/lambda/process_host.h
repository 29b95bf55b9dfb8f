#pragma once
// What running real function code needs from the program that hosts the emulator: a private
// Runtime API endpoint per worker, wall-clock timers (a real process's timeout is real time) and a
// notice when a child process ends. The HTTP server implements it; without a host, functions whose
// code is real cannot be invoked (Invoke says so) while fakes and scripts still work.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "emulator/lambda/child_process.h"
#include "emulator/protocol/http_message.h"

namespace stepsim::lambda {

// Answers a request that arrived on a private endpoint; may be called later (a parked
// `invocation/next`), or never when the worker is gone, in which case the connection just closes.
using RuntimeReply = std::function<void(protocol::HttpResponse)>;

class ProcessHost {
 public:
  virtual ~ProcessHost() = default;

  // Starts the process of a worker of `runtime` ("python3.12"): the host may fork it from a warm
  // template (python_template.h). Returns its pid; throws std::system_error when it cannot.
  virtual int startWorker(const ChildSpec& spec, std::string_view runtime) = 0;
  // A function whose code runs on `runtime` exists: a host that warms runtimes starts warming it.
  virtual void expectRuntime(std::string_view runtime) { (void)runtime; }
  // A channel number no worker of any Lambda service has had.
  virtual std::uint64_t newChannel() = 0;
  // Opens a private listening endpoint on loopback. Requests arriving there are handed to
  // LambdaService::handleRuntimeRequest with this `channel`. Returns "127.0.0.1:PORT".
  virtual std::string openChannel(std::uint64_t channel) = 0;
  virtual void closeChannel(std::uint64_t channel) = 0;
  // The public endpoint as a URL real code can call back on (AWS_ENDPOINT_URL).
  virtual std::string publicEndpoint() const = 0;
  // A node_modules directory holding the AWS SDK for JavaScript v3, which Node functions import
  // as AWS's runtimes let them (node_sdk.h); empty: none.
  virtual std::string nodeSdk() const { return {}; }

  using TimerId = std::uint64_t;
  // Runs `action` after `delay` of wall time, unless cancelled first.
  virtual TimerId afterWall(std::chrono::milliseconds delay, std::function<void()> action) = 0;
  virtual void cancelWall(TimerId timer) = 0;
  // Calls `exited(waitStatus)` once, after process `pid` (a child of this process) has ended and
  // been reaped.
  virtual void watchExit(int pid, std::function<void(int waitStatus)> exited) = 0;
};

}  // namespace stepsim::lambda
