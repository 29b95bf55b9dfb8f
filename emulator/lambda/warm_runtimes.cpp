#include "emulator/lambda/warm_runtimes.h"

#include <utility>

#include <spdlog/spdlog.h>

#include "emulator/lambda/node_standby.h"
#include "emulator/lambda/python_template.h"

namespace stepsim::lambda {

namespace {

template <class Runtime, class... Args>
std::unique_ptr<Runtime> started(const char* what, Args&&... args) {
  try {
    return std::make_unique<Runtime>(std::forward<Args>(args)...);
  } catch (const std::exception& error) {
    spdlog::warn("no warm {} ({}): those functions start cold", what, error.what());
    return nullptr;
  }
}

}  // namespace

WarmRuntimes::WarmRuntimes(std::string nodeSdk) : nodeSdk_(std::move(nodeSdk)) {}

WarmRuntimes::~WarmRuntimes() = default;

void WarmRuntimes::prepare(std::string_view runtime) {
  if (runtime.starts_with("python3") && !std::exchange(pythonTried_, true))
    python_ = started<PythonTemplate>("Python template");
  if (runtime.starts_with("nodejs") && !std::exchange(nodeTried_, true))
    node_ = started<NodeStandby>("Node standby", nodeSdk_);
}

std::optional<int> WarmRuntimes::start(const ChildSpec& spec, std::string_view runtime) {
  prepare(runtime);
  if (python_ && runtime.starts_with("python3")) return python_->fork(spec);
  if (node_ && runtime.starts_with("nodejs")) return node_->take(spec);
  return std::nullopt;
}

PythonTemplate* WarmRuntimes::templateOf(int pid) {
  return python_ && python_->owns(pid) ? python_.get() : nullptr;
}

}  // namespace stepsim::lambda
