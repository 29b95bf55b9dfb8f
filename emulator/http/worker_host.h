#pragma once
// Internal to emulator/http (includes Asio): the ProcessHost the Lambda service runs real code
// with. Wall-clock timers are Asio timers; a child's end is noticed through a pidfd (or, where the
// kernel has none, by polling), and only here are children reaped (a Python template's workers
// through the template), so a pid is never reused while it is watched. Workers start warm when
// the WarmRuntimes can. Private Runtime API
// endpoints are opened by the server. Every callback is followed by SimHost::afterOutsideEvent so
// the clock reacts to it.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "emulator/http/sim_host.h"
#include "emulator/lambda/process_host.h"
#include "emulator/lambda/python_template.h"
#include "emulator/lambda/warm_runtimes.h"

namespace stepsim::http {

class WorkerHost : public lambda::ProcessHost {
 public:
  struct Channels {
    std::function<std::string(std::uint64_t)> open;  // returns "127.0.0.1:PORT"
    std::function<void(std::uint64_t)> close;
  };

  // `warmRuntimes` (may be null: every worker starts cold) is not owned.
  WorkerHost(boost::asio::io_context& ioc, SimHost& host, Channels channels,
             std::string publicEndpoint, std::string nodeSdk, lambda::WarmRuntimes* warmRuntimes);
  ~WorkerHost() override;

  int startWorker(const lambda::ChildSpec& spec, std::string_view runtime) override;
  void expectRuntime(std::string_view runtime) override {
    if (warmRuntimes_) warmRuntimes_->prepare(runtime);
  }
  std::uint64_t newChannel() override { return nextChannel_++; }
  std::string openChannel(std::uint64_t channel) override;
  void closeChannel(std::uint64_t channel) override;
  std::string publicEndpoint() const override { return publicEndpoint_; }
  std::string nodeSdk() const override { return nodeSdk_; }
  TimerId afterWall(std::chrono::milliseconds delay, std::function<void()> action) override;
  void cancelWall(TimerId timer) override;
  void watchExit(int pid, std::function<void(int waitStatus)> exited) override;

 private:
  struct ExitWatch;
  void awaitPidfd(int pid);
  void pollExit(int pid);
  // The wait status of `pid` once it has ended (reaping it), nullopt while it runs.
  std::optional<int> reap(int pid);
  void reaped(int pid, int waitStatus);

  boost::asio::io_context& ioc_;
  SimHost& host_;
  Channels channels_;
  std::string publicEndpoint_;
  std::string nodeSdk_;
  lambda::WarmRuntimes* warmRuntimes_;
  TimerId nextTimer_ = 1;
  std::uint64_t nextChannel_ = 1;
  std::map<TimerId, std::unique_ptr<boost::asio::steady_timer>> timers_;
  std::map<int, std::unique_ptr<ExitWatch>> watches_;  // by pid
};

}  // namespace stepsim::http
