#include "emulator/app/emulator.h"

#include <spdlog/spdlog.h>

#include "emulator/app/aws_names.h"
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

// With permission checks on, refuses (core::AwsError) a call the signing role may not make.
void checkCallerMay(AccountRegion& place, const ServiceBinding& service, const ServiceCall& call) {
  // Only a role's session is checked: the account's root may do anything, as on AWS.
  if (!service.permissions || call.caller.roleArn.empty()) return;
  if (auto denied = deniedPermission(place, call.caller.roleArn,
                                     service.permissions(call, place.place()), call.caller.arn))
    throw core::AwsError(std::string(service.accessDeniedCode), denied->message, 403);
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
  defaultPlace_ = std::make_unique<AccountRegion>(*this, simulation_);
}

Emulator::~Emulator() {
  otherPlaces_.clear();
  defaultPlace_.reset();
}

AccountRegion& Emulator::accountRegion(const std::string& account, const std::string& region) {
  const core::SimulationConfig& config = simulation_.config();
  const std::string& where = region.empty() ? config.region : region;
  if (account == config.account && where == config.region) return *defaultPlace_;
  std::pair<std::string, std::string> key{account, where};
  if (auto known = otherPlaces_.find(key); known != otherPlaces_.end()) return *known->second;
  if (otherPlaces_.size() >= kMaxAccountRegions)
    throw core::AwsError("LimitExceededException",
                         "stepsim keeps at most " + std::to_string(kMaxAccountRegions) +
                             " accounts and regions besides the default",
                         400);
  auto made = std::make_unique<AccountRegion>(*this, simulation_, AwsPlace{where, account});
  return *otherPlaces_.emplace(std::move(key), std::move(made)).first->second;
}

std::vector<AccountRegion*> Emulator::accountRegions() {
  std::vector<AccountRegion*> places;
  forEachPlace([&](AccountRegion& place) { places.push_back(&place); });
  return places;
}

AccountRegion* Emulator::findPlace(const std::function<bool(AccountRegion&)>& wanted) {
  if (wanted(*defaultPlace_)) return defaultPlace_.get();
  for (auto& [_, place] : otherPlaces_)
    if (wanted(*place)) return place.get();
  return nullptr;
}

void Emulator::forEachPlace(const std::function<void(AccountRegion&)>& action) {
  findPlace([&](AccountRegion& place) {
    action(place);
    return false;
  });
}

void Emulator::setMockConfig(std::shared_ptr<const sfn::MockConfig> config) {
  mockConfig_ = std::move(config);
  forEachPlace([&](AccountRegion& place) { place.setMockConfig(mockConfig_); });
}

void Emulator::setExecutionStartObserver(
    std::function<void(const std::string& executionArn)> observer) {
  executionStartObserver_ = std::move(observer);
  forEachPlace(
      [&](AccountRegion& place) { place.setExecutionStartObserver(executionStartObserver_); });
}

void Emulator::setProcessHost(lambda::ProcessHost* host) {
  processHost_ = host;
  // Polls waiting on the old host's timers are answered (with no task) before those timers go.
  forEachPlace([&](AccountRegion& place) {
    place.setProcessHost(host);
    place.setWallTimers(nullptr);
  });
  wallTimers_ = host ? std::make_unique<ProcessWallTimers>(*host) : nullptr;
  forEachPlace([&](AccountRegion& place) { place.setWallTimers(wallTimers_.get()); });
}

void Emulator::answerLongPolls() {
  forEachPlace([](AccountRegion& place) { place.setWallTimers(nullptr); });
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
  // The old services cancel their own timers as they go; only then is the timer queue cleared, so
  // no cancel can land on a timer of the new ones.
  otherPlaces_.clear();
  defaultPlace_.reset();
  simulation_.reset();
  defaultPlace_ = std::make_unique<AccountRegion>(*this, simulation_);
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
  dispatchToService(nullptr, *route.binding, request, requestId, std::move(reply));
}

void Emulator::dispatchIn(AccountRegion& place, const HttpRequest& request, Reply reply) {
  ServiceRoute route = routeRequest(request);
  if (route.control || !route.binding) return dispatch(request, std::move(reply));
  dispatchToService(&place, *route.binding, request, simulation_.ids("requests").uuid(),
                    std::move(reply));
}

AccountRegion& Emulator::placeOf(const HttpRequest& request) {
  std::string_view authorization = request.header("authorization");
  std::string region(credentialScopeRegion(authorization));
  if (!region.empty() && !isRegionName(region))
    throw core::AwsError(
        "InvalidSignatureException",
        "Credential should be scoped to a valid region, not '" + region.substr(0, 64) + "'. ", 403);
  std::string_view accessKeyId = credentialAccessKeyId(authorization);
  if (isAccountId(accessKeyId)) return accountRegion(std::string(accessKeyId), region);
  // An STS session's key: the account that issued it.
  AccountRegion* issuer = findPlace([&](AccountRegion& place) {
    return place.isAccountHome() && identityStore(place).issued(accessKeyId);
  });
  return accountRegion(issuer ? issuer->place().account : simulation_.config().account, region);
}

void Emulator::dispatchRuntime(const HttpRequest& request, Reply reply) {
  // A Lambda worker speaking the Runtime API on its private endpoint, of a function somewhere. A
  // worker that is gone finds no place: the connection just closes.
  AccountRegion* place = findPlace([&](AccountRegion& candidate) {
    return candidate.lambda().ownsRuntimeChannel(request.channel);
  });
  if (!place) return;
  place->lambda().handleRuntimeRequest(
      request.channel, request,
      [operation = std::string(request.path()),
       reply = std::move(reply)](protocol::HttpResponse response) mutable {
        reply(DispatchResult{std::move(response), "runtime", std::move(operation)});
      });
}

void Emulator::dispatchToService(AccountRegion* place, const ServiceBinding& service,
                                 const HttpRequest& request, const std::string& requestId,
                                 Reply reply) {
  // The service may answer later; its answer and the errors below share the reply, called once.
  auto shared = std::make_shared<Reply>(std::move(reply));
  auto answerAs = [&service, shared](std::string operation) -> Answer {
    return [&service, shared, operation = std::move(operation)](protocol::HttpResponse response) {
      (*shared)(DispatchResult{std::move(response), std::string(service.name), operation});
    };
  };
  std::string operation;
  try {
    AccountRegion& here = place ? *place : placeOf(request);
    iam::CallerIdentity caller =
        identityStore(here).identify(credentialAccessKeyId(request.header("authorization")));
    if (caller.expired)
      throw core::AwsError(std::string(service.expiredTokenCode),
                           "The security token included in the request is expired", 400);
    ServiceCall call{service.wire().decode(request), requestId, std::move(caller)};
    operation = call.request.operation;
    checkCallerMay(here, service, call);
    service.serve(here, std::move(call), answerAs(operation));
  } catch (const core::AwsError& error) {
    answerAs(operation)(service.wire().encodeError(error, requestId));
  } catch (const std::exception& error) {
    answerAs(operation)(internalError(service, operation, error, requestId));
  }
}

}  // namespace stepsim::app
