#pragma once
// The composition root: one Simulation and the services that live in it, and the dispatcher that
// turns an HTTP request into a service call. Not thread-safe: the host calls it from one thread.
#include <memory>
#include <string>

#include "emulator/core/simulation.h"
#include "emulator/protocol/http_message.h"

namespace stepsim::batch {
class BatchService;
}
namespace stepsim::lambda {
class LambdaService;
}

namespace stepsim::app {

struct DispatchResult {
  protocol::HttpResponse response;
  std::string service;    // "batch", "lambda", "states", "control"
  std::string operation;  // model operation name, or the control path
};

class Emulator {
 public:
  explicit Emulator(core::SimulationConfig config);
  ~Emulator();

  // Routes one request (SigV4 credential scope first, then X-Amz-Target or path), runs it and
  // renders the answer. Never throws: every failure becomes a modeled error response.
  DispatchResult dispatch(const protocol::HttpRequest& request);

  core::Simulation& simulation() { return simulation_; }
  batch::BatchService& batch() { return *batch_; }
  lambda::LambdaService& lambda() { return *lambda_; }

  // Drops every resource and job; the clock goes back to its start.
  void reset();

 private:
  core::Simulation simulation_;
  std::unique_ptr<batch::BatchService> batch_;
  std::unique_ptr<lambda::LambdaService> lambda_;
};

}  // namespace stepsim::app
