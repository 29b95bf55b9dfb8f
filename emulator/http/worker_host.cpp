#include "emulator/http/worker_host.h"

#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "emulator/core/throw_trace.h"

namespace stepsim::http {

namespace asio = boost::asio;
using error_code = boost::system::error_code;

// How often a child is polled for where pidfd_open is missing.
constexpr std::chrono::milliseconds kExitPollInterval{20};

namespace {

// A worker's timer or exit notice is a handler boundary: a bug in what it runs is logged, and
// the host (and the clock) carry on.
template <class Callback>
void runGuarded(const char* what, Callback&& callback) {
  try {
    callback();
  } catch (const std::exception& error) {
    spdlog::error("internal error in a worker's {}: {}\n{}", what, core::describeException(error),
                  core::lastThrowStack());
  }
}

}  // namespace

struct WorkerHost::ExitWatch {
  std::function<void(int)> exited;
  std::unique_ptr<asio::posix::stream_descriptor> pidfd;  // null when polling
  std::unique_ptr<asio::steady_timer> poll;
};

WorkerHost::WorkerHost(asio::io_context& ioc, SimHost& host, Channels channels,
                       std::string publicEndpoint, std::string nodeSdk,
                       lambda::WarmRuntimes* warmRuntimes)
    : ioc_(ioc),
      host_(host),
      channels_(std::move(channels)),
      publicEndpoint_(std::move(publicEndpoint)),
      nodeSdk_(std::move(nodeSdk)),
      warmRuntimes_(warmRuntimes) {}

WorkerHost::~WorkerHost() = default;

int WorkerHost::startWorker(const lambda::ChildSpec& spec, std::string_view runtime) {
  if (warmRuntimes_)
    if (std::optional<int> pid = warmRuntimes_->start(spec, runtime)) return *pid;
  return lambda::startChild(spec);
}

std::optional<int> WorkerHost::reap(int pid) {
  if (lambda::PythonTemplate* parent = warmRuntimes_ ? warmRuntimes_->templateOf(pid) : nullptr)
    return parent->reap(pid);
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) == 0) return std::nullopt;
  return status;
}

std::string WorkerHost::openChannel(std::uint64_t channel) {
  return channels_.open(channel);
}

void WorkerHost::closeChannel(std::uint64_t channel) {
  channels_.close(channel);
}

WorkerHost::TimerId WorkerHost::afterWall(std::chrono::milliseconds delay,
                                          std::function<void()> action) {
  TimerId id = nextTimer_++;
  auto timer = std::make_unique<asio::steady_timer>(ioc_, delay);
  timer->async_wait([this, id, action = std::move(action)](const error_code& ec) {
    if (ec) return;  // cancelled
    timers_.erase(id);
    runGuarded("timer", action);
    host_.afterOutsideEvent();
  });
  timers_.emplace(id, std::move(timer));
  return id;
}

void WorkerHost::cancelWall(TimerId timer) {
  auto it = timers_.find(timer);
  if (it == timers_.end()) return;
  it->second->cancel();
  timers_.erase(it);
}

void WorkerHost::watchExit(int pid, std::function<void(int waitStatus)> exited) {
  auto watch = std::make_unique<ExitWatch>();
  watch->exited = std::move(exited);
  int fd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  ExitWatch& w = *watches_.emplace(pid, std::move(watch)).first->second;
  if (fd >= 0) {
    w.pidfd = std::make_unique<asio::posix::stream_descriptor>(ioc_, fd);
    awaitPidfd(pid);
    return;
  }
  w.poll = std::make_unique<asio::steady_timer>(ioc_);
  pollExit(pid);
}

void WorkerHost::awaitPidfd(int pid) {
  auto it = watches_.find(pid);
  if (it == watches_.end()) return;
  it->second->pidfd->async_wait(asio::posix::stream_descriptor::wait_read,
                                [this, pid](error_code ec) {
                                  if (ec) return;
                                  // Readable means ended: this never blocks.
                                  std::optional<int> status = reap(pid);
                                  if (!status) return awaitPidfd(pid);
                                  reaped(pid, *status);
                                });
}

void WorkerHost::pollExit(int pid) {
  auto it = watches_.find(pid);
  if (it == watches_.end()) return;
  it->second->poll->expires_after(kExitPollInterval);
  it->second->poll->async_wait([this, pid](error_code ec) {
    if (ec) return;
    std::optional<int> status = reap(pid);
    if (!status) return pollExit(pid);
    reaped(pid, *status);
  });
}

void WorkerHost::reaped(int pid, int waitStatus) {
  auto it = watches_.find(pid);
  if (it == watches_.end()) return;
  std::function<void(int)> exited = std::move(it->second->exited);
  // Destroying the descriptor from inside its own handler is fine: the wait has completed.
  watches_.erase(it);
  runGuarded("exit notice", [&] { exited(waitStatus); });
  host_.afterOutsideEvent();
}

}  // namespace stepsim::http
