#pragma once
// The composition root: one Simulation and the services that live in it, and the dispatcher that
// turns an HTTP request into a service call. Not thread-safe: the host calls it from one thread.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "emulator/core/simulation.h"
#include "emulator/iam/permission_mode.h"
#include "emulator/protocol/http_message.h"

namespace stepsim::batch {
class BatchService;
}
namespace stepsim::lambda {
class LambdaService;
class ProcessHost;
}  // namespace stepsim::lambda
namespace stepsim::sfn {
struct MockConfig;
class StepFunctionsService;
class WallTimers;
}  // namespace stepsim::sfn

namespace stepsim::app {

class BuiltinFakes;
class SfnIntegrations;
struct ServiceBinding;
struct ServiceState;
struct ServiceCall;

struct DispatchResult {
  protocol::HttpResponse response;
  std::string service;    // "batch", "lambda", "states", "control", "runtime"
  std::string operation;  // model operation name, or the control path
};

using Reply = std::function<void(DispatchResult)>;

class Emulator {
 public:
  explicit Emulator(core::SimulationConfig config);
  ~Emulator();

  // Routes one request (a worker's private channel, then SigV4 credential scope, then X-Amz-Target
  // or path), runs it and renders the answer. Never throws: every failure becomes a modeled error
  // response. `reply` is called once: before dispatch returns for most operations, later for those
  // that wait (an Invoke that takes virtual time or runs real code, a worker's invocation/next, a
  // GetActivityTask long poll), or never when that work is dropped (reset, shutdown), and the
  // connection just closes. A waiting GetActivityTask is not dropped: reset and shutdown answer it
  // with no task.
  void dispatch(const protocol::HttpRequest& request, Reply reply);

  core::Simulation& simulation() { return simulation_; }
  batch::BatchService& batch() { return *batch_; }
  lambda::LambdaService& lambda() { return *lambda_; }
  sfn::StepFunctionsService& sfn() { return *sfn_; }

  // Where real Lambda code runs (the HTTP server); kept across reset. nullptr stops every worker.
  // Its wall-clock timers also time GetActivityTask's long polls (nullptr answers those waiting).
  void setProcessHost(lambda::ProcessHost* host);
  // Shutdown has begun: GetActivityTask polls are answered now, with no task, rather than holding
  // the server up for their long wait; real code keeps running, so Invokes in flight finish.
  void answerLongPolls();

  // Step Functions Local's mock config, given to Step Functions now and again after every reset
  // (server configuration, like the seed).
  void setMockConfig(std::shared_ptr<const sfn::MockConfig> config);
  // Told the ARN of every execution as it starts; kept across reset().
  void setExecutionStartObserver(std::function<void(const std::string& executionArn)> observer);

  // Whether calls are checked against IAM policies (server configuration: kept across reset).
  void setPermissionMode(iam::PermissionMode mode) { permissionMode_ = mode; }
  iam::PermissionMode permissionMode() const { return permissionMode_; }

  // The state `binding`'s createState made (see service_state.h for the typed access).
  ServiceState& serviceState(const ServiceBinding& binding);

  // Drops every resource, job, script and worker; the clock goes back to its start.
  void reset();

  // A control endpoint served by a module above this one (POST /_stepsim/scenario): requests to
  // `path` go to `handler`. Kept across reset.
  using ControlEndpoint = std::function<protocol::HttpResponse(const protocol::HttpRequest&)>;
  void addControlEndpoint(std::string path, ControlEndpoint handler);
  // Every path starting with `prefix` (that no endpoint names exactly) is answered by `handler`.
  void addControlPrefix(std::string prefix, ControlEndpoint handler);
  const ControlEndpoint* controlEndpoint(std::string_view path) const;

 private:
  void createServices();
  void dispatchRuntime(const protocol::HttpRequest& request, Reply reply);
  // With permission checks on, refuses (core::AwsError) a call the signing role may not make.
  void checkCallerMay(const ServiceBinding& service, const ServiceCall& call);
  void dispatchToService(const ServiceBinding& service, const protocol::HttpRequest& request,
                         const std::string& requestId, Reply reply);

  core::Simulation simulation_;
  std::unique_ptr<batch::BatchService> batch_;
  std::unique_ptr<BuiltinFakes> fakes_;
  std::unique_ptr<lambda::LambdaService> lambda_;
  std::unique_ptr<SfnIntegrations> sfnIntegrations_;
  std::unique_ptr<sfn::StepFunctionsService> sfn_;
  lambda::ProcessHost* processHost_ = nullptr;
  std::unique_ptr<sfn::WallTimers> wallTimers_;  // over processHost_
  std::shared_ptr<const sfn::MockConfig> mockConfig_;
  std::function<void(const std::string& executionArn)> executionStartObserver_;
  std::map<std::string, ControlEndpoint, std::less<>> controlEndpoints_;
  std::vector<std::pair<std::string, ControlEndpoint>> controlPrefixes_;
  std::vector<std::unique_ptr<ServiceState>> serviceStates_;  // by index in serviceBindings()
  iam::PermissionMode permissionMode_ = iam::PermissionMode::Off;
};

}  // namespace stepsim::app
