#pragma once
// The composition root: one Simulation, the services of each (account, region) that lives in it,
// and the dispatcher that turns an HTTP request into a service call there. Not thread-safe: the
// host calls it from one thread.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "emulator/app/account_region.h"
#include "emulator/core/simulation.h"
#include "emulator/iam/permission_mode.h"
#include "emulator/protocol/http_message.h"

namespace stepsim::app {

struct ServiceCall;

struct DispatchResult {
  protocol::HttpResponse response;
  std::string service;    // "batch", "lambda", "states", "control", "runtime"
  std::string operation;  // model operation name, or the control path
};

using Reply = std::function<void(DispatchResult)>;

class Emulator {
 public:
  // Beyond the default, how many (account, region) pairs may be in use: each holds every service.
  static constexpr std::size_t kMaxAccountRegions = 256;

  explicit Emulator(core::SimulationConfig config);
  ~Emulator();

  // Routes one request (a worker's private channel, then SigV4 credential scope, then X-Amz-Target
  // or path), runs it in the account and region it is signed for and renders the answer. Never
  // throws: every failure becomes a modeled error response. `reply` is called once: before dispatch
  // returns for most operations, later for those that wait (an Invoke that takes virtual time or
  // runs real code, a worker's invocation/next, a GetActivityTask long poll), or never when that
  // work is dropped (reset, shutdown), and the connection just closes. A waiting GetActivityTask is
  // not dropped: reset and shutdown answer it with no task.
  void dispatch(const protocol::HttpRequest& request, Reply reply);

  // As dispatch, in `place` whatever the request is signed for: the in-process clients.
  void dispatchIn(AccountRegion& place, const protocol::HttpRequest& request, Reply reply);

  // The default account in the default region: where the control API, the console and scenarios
  // work, and unsigned requests and made-up access keys land.
  AccountRegion& defaultAccountRegion() { return *defaultPlace_; }
  // The services of `account` in `region` (the default region when empty), made on first use.
  AccountRegion& accountRegion(const std::string& account, const std::string& region = "");
  // Every account and region in use, the default first.
  std::vector<AccountRegion*> accountRegions();

  // The shared simulation, seen from the default account and region.
  core::Simulation& simulation() { return simulation_; }
  // The default account and region's services.
  batch::BatchService& batch() { return defaultPlace_->batch(); }
  lambda::LambdaService& lambda() { return defaultPlace_->lambda(); }
  sfn::StepFunctionsService& sfn() { return defaultPlace_->sfn(); }

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

  // Server configuration every account and region is made with.
  lambda::ProcessHost* processHost() const { return processHost_; }
  sfn::WallTimers* wallTimers() const { return wallTimers_.get(); }
  std::shared_ptr<const sfn::MockConfig> mockConfig() const { return mockConfig_; }
  const std::function<void(const std::string&)>& executionStartObserver() const {
    return executionStartObserver_;
  }

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
  void dispatchRuntime(const protocol::HttpRequest& request, Reply reply);
  // The account and region a request is signed for: the credential scope's region, and the
  // account its access key id names (12 digits), or whose STS session it is, else the default.
  // Throws core::AwsError for a scope that names no region.
  AccountRegion& placeOf(const protocol::HttpRequest& request);
  void dispatchToService(AccountRegion* place, const ServiceBinding& service,
                         const protocol::HttpRequest& request, const std::string& requestId,
                         Reply reply);
  // The first account and region (the default first) `wanted` says yes to, or nullptr.
  AccountRegion* findPlace(const std::function<bool(AccountRegion&)>& wanted);
  void forEachPlace(const std::function<void(AccountRegion&)>& action);

  core::Simulation simulation_;
  std::unique_ptr<AccountRegion> defaultPlace_;
  // The others, by (account, region).
  std::map<std::pair<std::string, std::string>, std::unique_ptr<AccountRegion>> otherPlaces_;
  lambda::ProcessHost* processHost_ = nullptr;
  std::unique_ptr<sfn::WallTimers> wallTimers_;  // over processHost_
  std::shared_ptr<const sfn::MockConfig> mockConfig_;
  std::function<void(const std::string& executionArn)> executionStartObserver_;
  std::map<std::string, ControlEndpoint, std::less<>> controlEndpoints_;
  std::vector<std::pair<std::string, ControlEndpoint>> controlPrefixes_;
  iam::PermissionMode permissionMode_ = iam::PermissionMode::Off;
};

}  // namespace stepsim::app
