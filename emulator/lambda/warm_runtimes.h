#pragma once
// What makes real code start fast (--warm-runtimes on): the warm Python template Python workers
// are forked from, and the standby Node worker. Made once per `stepsim serve` or `stepsim run`
// and shared by every server of it. Each starts when a function of its runtime is first created,
// so a server that runs no real code starts no interpreter; one that cannot start (no python3 or
// node) leaves those workers to start cold.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/lambda/child_process.h"

namespace stepsim::lambda {

class NodeStandby;
class PythonTemplate;

class WarmRuntimes {
 public:
  // `nodeSdk` as NodeStandby takes it.
  explicit WarmRuntimes(std::string nodeSdk);
  ~WarmRuntimes();
  WarmRuntimes(const WarmRuntimes&) = delete;
  WarmRuntimes& operator=(const WarmRuntimes&) = delete;

  // Starts warming `runtime`'s family in a process of its own, unless started before; returns at
  // once.
  void prepare(std::string_view runtime);
  // A worker of `runtime` started warm, or nullopt to start it cold (startChild).
  std::optional<int> start(const ChildSpec& spec, std::string_view runtime);
  // A worker of the Python template (reaped through it, see PythonTemplate::reap), else nullptr.
  PythonTemplate* templateOf(int pid);

 private:
  std::string nodeSdk_;
  bool pythonTried_ = false, nodeTried_ = false;
  std::unique_ptr<PythonTemplate> python_;
  std::unique_ptr<NodeStandby> node_;
};

}  // namespace stepsim::lambda
