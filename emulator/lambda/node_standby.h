#pragma once
// Node workers started ahead of need, since Node cannot fork: one standby process at a time has
// started Node, loaded the runtime bootstrap and the AWS SDK for JavaScript v3 clients of the
// emulated services (when an SDK is offered), and waits for the function it will become. Taking
// it hands it that worker's environment and directory on stdin, moves its log to the worker's log
// path and starts the next standby at once. The standby is this process's own child, watched and
// reaped like any worker.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "emulator/lambda/child_process.h"

namespace stepsim::lambda {

class WorkDirectory;

class NodeStandby {
 public:
  // `nodeSdk`: a node_modules holding the SDK (empty: none). Starts the first standby.
  explicit NodeStandby(std::string nodeSdk);
  ~NodeStandby();  // the waiting standby is killed
  NodeStandby(const NodeStandby&) = delete;
  NodeStandby& operator=(const NodeStandby&) = delete;

  // The waiting standby, become the worker `spec` describes (its environment, working directory,
  // log); nullopt to start it cold: no standby could start, or the function's variables change
  // what Node reads at start-up (NODE_OPTIONS, NODE_PATH, ...).
  std::optional<int> take(const ChildSpec& spec);

 private:
  void startNext();
  void dropWaiting();

  std::unique_ptr<WorkDirectory> directory_;
  std::string nodeSdk_;
  int waitingPid_ = -1;
  int assignment_ = -1;  // the waiting standby's stdin
  std::filesystem::path waitingLog_;
  int started_ = 0;
  int failures_ = 0;  // standbys in a row that could not be used: past a few, none is started
};

}  // namespace stepsim::lambda
