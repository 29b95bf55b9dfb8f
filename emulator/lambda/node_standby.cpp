#include "emulator/lambda/node_standby.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <utility>

#include <spdlog/spdlog.h>

#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/lambda/runtime_sources.h"
#include "emulator/lambda/work_directory.h"

namespace stepsim::lambda {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxFailures = 3;

// Variables Node reads when it starts (or its thread pool when first used): a worker whose
// variables set any of them cannot be a standby started without them.
bool readAtStartup(std::string_view variable) {
  return variable.starts_with("NODE_") || variable.starts_with("UV_");
}

}  // namespace

NodeStandby::NodeStandby(std::string nodeSdk)
    : directory_(std::make_unique<WorkDirectory>()), nodeSdk_(std::move(nodeSdk)) {
  std::ofstream(directory_->path() / "node_bootstrap.js", std::ios::binary)
      << nodeBootstrapSource();
  startNext();
}

NodeStandby::~NodeStandby() {
  dropWaiting();
}

void NodeStandby::dropWaiting() {
  if (assignment_ >= 0) ::close(assignment_);
  assignment_ = -1;
  if (waitingPid_ > 0) {
    killChildGroup(waitingPid_);
    ::waitpid(waitingPid_, nullptr, 0);  // never handed out: no one else watches it
  }
  waitingPid_ = -1;
}

void NodeStandby::startNext() {
  if (failures_ >= kMaxFailures) return;
  int pipeFds[2];
  if (::pipe2(pipeFds, O_CLOEXEC) != 0) return;
  // The standby checks for its assignment between the parts of the SDK it loads.
  ::fcntl(pipeFds[0], F_SETFL, ::fcntl(pipeFds[0], F_GETFL) | O_NONBLOCK);
  ChildSpec spec;
  spec.argv = {"node", (directory_->path() / "node_bootstrap.js").string()};
  std::map<std::string, std::string> env = baseEnvironment(directory_->path().string());
  env["_STEPSIM_STANDBY"] = "1";
  env["_STEPSIM_STANDBY_SDK"] = nodeSdk_;
  spec.environment = environmentList(env);
  spec.workingDirectory = directory_->path().string();
  waitingLog_ = directory_->path() / ("standby-" + std::to_string(++started_) + ".log");
  spec.logPath = waitingLog_.string();
  spec.stdinFd = pipeFds[0];
  try {
    waitingPid_ = startChild(spec);
    assignment_ = pipeFds[1];
  } catch (const std::exception& e) {
    spdlog::warn("no Node standby worker ({}): Node functions start cold", e.what());
    ::close(pipeFds[1]);
    ++failures_;
  }
  ::close(pipeFds[0]);
}

std::optional<int> NodeStandby::take(const ChildSpec& spec) {
  if (waitingPid_ < 0) startNext();
  if (waitingPid_ < 0) return std::nullopt;
  stepsim::Json env = environmentObject(spec.environment);
  for (const auto& [name, value] : env.items())
    if (readAtStartup(name)) return std::nullopt;
  std::error_code ec;
  fs::rename(waitingLog_, spec.logPath, ec);
  bool handedOver =
      !ec && writeAll(assignment_, core::serializeJson(stepsim::Json{
                                       {"env", env}, {"cwd", spec.workingDirectory}}));
  if (!handedOver) {
    // Gone before its turn, or its log cannot move: start this worker cold, and try a new one.
    spdlog::debug("the Node standby could not be used: {}", ec ? ec.message() : "it is gone");
    dropWaiting();
    ++failures_;
    startNext();
    return std::nullopt;
  }
  failures_ = 0;
  ::close(assignment_);
  assignment_ = -1;
  int pid = std::exchange(waitingPid_, -1);
  startNext();
  return pid;
}

}  // namespace stepsim::lambda
