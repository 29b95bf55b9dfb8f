#include "emulator/app/emulator.h"

#include <spdlog/spdlog.h>

#include "emulator/app/builtin_fakes.h"
#include "emulator/app/control_api.h"
#include "emulator/app/iam_binding.h"
#include "emulator/app/logs_binding.h"
#include "emulator/app/permission_checks.h"
#include "emulator/app/process_wall_timers.h"
#include "emulator/app/service_route.h"
#include "emulator/app/sfn_integrations.h"
#include "emulator/batch/batch_service.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/throw_trace.h"
#include "emulator/lambda/lambda_service.h"
#include "emulator/protocol/foreign_service_error.h"
#include "emulator/protocol/rest_json.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::app {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;

// An exception no handler expected is a bug in stepsim, whatever its type (a stepsim::Json
// exception too: requests are validated against the model before a handler sees them): a 500
// with the service's generic error, and a log line with the stack it was thrown from.
HttpResponse internalError(const ServiceBinding& service, std::string_view operation,
                           const std::exception& error, std::string_view requestId) {
  spdlog::error("internal error in {} {}: {}\n{}", service.name, operation,
                core::describeException(error), core::lastThrowStack());
  return service.wire().encodeError(
      core::AwsError(std::string(service.internalErrorCode),
                     std::string("Internal error: ") + error.what(), 500),
      requestId);
}

core::AwsError notEmulated(const ServiceRoute& route, const HttpRequest& request) {
  return core::AwsError("UnknownOperationException",
                        route.signingName.empty()
                            ? "Cannot tell which service " + request.method + " " +
                                  std::string(request.path()) + " is for"
                            : "stepsim does not emulate the '" + route.signingName + "' service",
                        400);
}

}  // namespace

Emulator::Emulator(core::SimulationConfig config) : simulation_(std::move(config)) {
  createServices();
}

Emulator::~Emulator() {
  // Executions and workers first: their callbacks reach into the other services.
  sfn_.reset();
  lambda_.reset();
}

void Emulator::createServices() {
  batch_ = std::make_unique<batch::BatchService>(simulation_);
  fakes_ = std::make_unique<BuiltinFakes>(*this, *batch_);
  lambda_ = std::make_unique<lambda::LambdaService>(simulation_);
  lambda_->setBuiltinHandlers(fakes_.get());
  lambda_->setCredentialIssuer([this](const std::string& roleArn, const std::string& function) {
    return functionCredentials(*this, roleArn, function);
  });
  lambda_->setLogWriter([this](const std::string& group, const std::string& stream,
                               std::vector<lambda::LogLine> lines) {
    writeLogLines(*this, group, stream, std::move(lines));
  });
  lambda_->setProcessHost(processHost_);
  if (!sfnIntegrations_) sfnIntegrations_ = std::make_unique<SfnIntegrations>(*this);
  sfn_ = std::make_unique<sfn::StepFunctionsService>(simulation_, *sfnIntegrations_);
  sfn_->setWallTimers(wallTimers_.get());
  sfn_->setMockConfig(mockConfig_);
  sfn_->setExecutionStartObserver(executionStartObserver_);
  sfn_->setExecutionLogWriter([this](const std::string& groupArn, const std::string& stream,
                                     core::TimeMs at, std::string message) {
    writeLogLines(*this, logGroupNameOf(groupArn), stream, {{at, std::move(message)}});
  });
  for (const ServiceBinding& binding : serviceBindings())
    serviceStates_.push_back(binding.createState ? binding.createState(*this) : nullptr);
}

ServiceState& Emulator::serviceState(const ServiceBinding& binding) {
  // `binding` may be the k<Service>Binding constant or its copy in the registry: found by name.
  const ServiceBinding* registered = bindingNamed(binding.name);
  if (!registered) throw std::logic_error(std::string(binding.name) + " is not registered");
  auto& state = serviceStates_.at(static_cast<std::size_t>(registered - serviceBindings().data()));
  if (!state) throw std::logic_error(std::string(binding.name) + " keeps no state");
  return *state;
}

void Emulator::setMockConfig(std::shared_ptr<const sfn::MockConfig> config) {
  mockConfig_ = std::move(config);
  sfn_->setMockConfig(mockConfig_);
}

void Emulator::setExecutionStartObserver(
    std::function<void(const std::string& executionArn)> observer) {
  executionStartObserver_ = std::move(observer);
  sfn_->setExecutionStartObserver(executionStartObserver_);
}

void Emulator::setProcessHost(lambda::ProcessHost* host) {
  processHost_ = host;
  lambda_->setProcessHost(host);
  // Polls waiting on the old host's timers are answered (with no task) before those timers go.
  sfn_->setWallTimers(nullptr);
  wallTimers_ = host ? std::make_unique<ProcessWallTimers>(*host) : nullptr;
  sfn_->setWallTimers(wallTimers_.get());
}

void Emulator::answerLongPolls() {
  sfn_->setWallTimers(nullptr);
  wallTimers_.reset();
}

void Emulator::addControlEndpoint(std::string path, ControlEndpoint handler) {
  controlEndpoints_[std::move(path)] = std::move(handler);
}

const Emulator::ControlEndpoint* Emulator::controlEndpoint(std::string_view path) const {
  if (auto it = controlEndpoints_.find(path); it != controlEndpoints_.end()) return &it->second;
  // The longest registered prefix.
  const ControlEndpoint* found = nullptr;
  std::size_t foundLength = 0;
  for (const auto& [prefix, endpoint] : controlPrefixes_)
    if (path.starts_with(prefix) && prefix.size() > foundLength) {
      found = &endpoint;
      foundLength = prefix.size();
    }
  return found;
}

void Emulator::addControlPrefix(std::string prefix, ControlEndpoint handler) {
  controlPrefixes_.emplace_back(std::move(prefix), std::move(handler));
}

void Emulator::reset() {
  // The old service cancels its own timers as it goes; only then is the timer queue cleared, so no
  // cancel can land on a timer of the new service.
  sfn_.reset();
  lambda_.reset();
  fakes_.reset();
  batch_.reset();
  serviceStates_.clear();
  simulation_.reset();
  createServices();
}

void Emulator::dispatch(const HttpRequest& request, Reply reply) {
  if (request.channel != 0) return dispatchRuntime(request, std::move(reply));
  ServiceRoute route = routeRequest(request);
  if (route.control) {
    DispatchResult result{handleControlRequest(*this, request), "control",
                          std::string(request.path())};
    // A stream of its own: polling the clock must not shift the ids AWS calls get.
    result.response.setHeader("x-amzn-RequestId", simulation_.ids("control-requests").uuid());
    return reply(std::move(result));
  }
  std::string requestId = simulation_.ids("requests").uuid();
  if (!route.binding) {
    // Answered in the protocol its client speaks, so the SDK can read the error.
    return reply(
        DispatchResult{protocol::encodeErrorForClient(request, route.signingName,
                                                      notEmulated(route, request), requestId),
                       std::string(route.logName()), ""});
  }
  dispatchToService(*route.binding, request, requestId, std::move(reply));
}

void Emulator::checkCallerMay(const ServiceBinding& service, const ServiceCall& call) {
  // Only a role's session is checked: the account's root may do anything, as on AWS.
  if (!service.permissions || call.caller.roleArn.empty()) return;
  AwsPlace place{simulation_.config().region, simulation_.config().account};
  if (auto denied = deniedPermission(*this, call.caller.roleArn, service.permissions(call, place),
                                     call.caller.arn))
    throw core::AwsError(std::string(service.accessDeniedCode), denied->message, 403);
}

void Emulator::dispatchRuntime(const HttpRequest& request, Reply reply) {
  // A Lambda worker speaking the Runtime API on its private endpoint.
  lambda_->handleRuntimeRequest(
      request.channel, request,
      [operation = std::string(request.path()),
       reply = std::move(reply)](protocol::HttpResponse response) mutable {
        reply(DispatchResult{std::move(response), "runtime", std::move(operation)});
      });
}

void Emulator::dispatchToService(const ServiceBinding& service, const HttpRequest& request,
                                 const std::string& requestId, Reply reply) {
  // The service may answer later; its answer and the errors below share the reply, called once.
  auto shared = std::make_shared<Reply>(std::move(reply));
  auto answerAs = [&service, shared](std::string operation) -> Answer {
    return [&service, shared, operation = std::move(operation)](protocol::HttpResponse response) {
      (*shared)(DispatchResult{std::move(response), std::string(service.name), operation});
    };
  };
  std::string operation;
  try {
    iam::CallerIdentity caller =
        identityStore(*this).identify(credentialAccessKeyId(request.header("authorization")));
    if (caller.expired)
      throw core::AwsError(std::string(service.expiredTokenCode),
                           "The security token included in the request is expired", 400);
    ServiceCall call{service.wire().decode(request), requestId, std::move(caller)};
    operation = call.request.operation;
    checkCallerMay(service, call);
    service.serve(*this, std::move(call), answerAs(operation));
  } catch (const core::AwsError& error) {
    answerAs(operation)(service.wire().encodeError(error, requestId));
  } catch (const std::exception& error) {
    answerAs(operation)(internalError(service, operation, error, requestId));
  }
}

}  // namespace stepsim::app
