#include "emulator/app/emulator.h"

#include <spdlog/spdlog.h>

#include "emulator/app/builtin_fakes.h"
#include "emulator/app/control_api.h"
#include "emulator/app/lambda_invoke_http.h"
#include "emulator/app/process_wall_timers.h"
#include "emulator/app/sfn_integrations.h"
#include "emulator/app/service_protocols.h"
#include "emulator/app/service_route.h"
#include "emulator/batch/batch_service.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/throw_trace.h"
#include "emulator/lambda/lambda_service.h"
#include "emulator/protocol/aws_json.h"
#include "emulator/protocol/rest_json.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::app {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;


core::AwsError unknownOperation(std::string_view what) {
  return core::AwsError("UnknownOperationException",
                        std::string(what) + " is not an operation stepsim emulates", 400);
}

// Lambda's exception shapes carry "Type" and a message whose key differs by shape ("Message" on
// ResourceNotFoundException, "message" elsewhere): add what the protocol layer's errors lack.
core::AwsError withLambdaMembers(core::AwsError error) {
  if (!error.extraMembers.is_object()) error.extraMembers = stepsim::Json::object();
  if (!error.extraMembers.contains("Type"))
    error.extraMembers["Type"] = error.httpStatus < 500 ? "User" : "Service";
  if (!error.extraMembers.contains("Message")) error.extraMembers["Message"] = error.message;
  return error;
}

// An exception no handler expected is a bug in stepsim, whatever its type (a stepsim::Json
// exception too: requests are validated against the model before a handler sees them): a 500
// with the service's generic error, and a log line with the stack it was thrown from.
protocol::HttpResponse internalError(const DispatchResult& result, const std::exception& error,
                                     std::string_view requestId,
                                     std::string_view errorContentType) {
  spdlog::error("internal error in {} {}: {}\n{}", result.service, result.operation,
                core::describeException(error), core::lastThrowStack());
  std::string code = result.service == "batch" ? "ServerException" : "ServiceException";
  return protocol::encodeError(
      core::AwsError(code, std::string("Internal error: ") + error.what(), 500), requestId,
      errorContentType);
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
  fakes_ = std::make_unique<BuiltinFakes>(*batch_);
  lambda_ = std::make_unique<lambda::LambdaService>(simulation_);
  lambda_->setBuiltinHandlers(fakes_.get());
  lambda_->setProcessHost(processHost_);
  if (!sfnIntegrations_) sfnIntegrations_ = std::make_unique<SfnIntegrations>(*this);
  sfn_ = std::make_unique<sfn::StepFunctionsService>(simulation_, *sfnIntegrations_);
  sfn_->setWallTimers(wallTimers_.get());
  sfn_->setMockConfig(mockConfig_);
}

void Emulator::setMockConfig(std::shared_ptr<const sfn::MockConfig> config) {
  mockConfig_ = std::move(config);
  sfn_->setMockConfig(mockConfig_);
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
  auto it = controlEndpoints_.find(path);
  return it == controlEndpoints_.end() ? nullptr : &it->second;
}

void Emulator::reset() {
  // The old service cancels its own timers as it goes; only then is the timer queue cleared, so no
  // cancel can land on a timer of the new service.
  sfn_.reset();
  lambda_.reset();
  fakes_.reset();
  batch_.reset();
  simulation_.reset();
  createServices();
}

void Emulator::dispatch(const HttpRequest& request, Reply reply) {
  DispatchResult result;
  if (request.channel != 0) {
    // A Lambda worker speaking the Runtime API on its private endpoint.
    result.service = "runtime";
    result.operation = std::string(request.path());
    lambda_->handleRuntimeRequest(
        request.channel, request,
        [result, reply = std::move(reply)](protocol::HttpResponse response) mutable {
          result.response = std::move(response);
          reply(std::move(result));
        });
    return;
  }
  ServiceRoute route = routeRequest(request);
  result.service = serviceLogName(route.service);
  if (route.service == Service::Control) {
    result.operation = std::string(request.path());
    result.response = handleControlRequest(*this, request);
    // A stream of its own: polling the clock must not shift the ids AWS calls get.
    result.response.setHeader("x-amzn-RequestId", simulation_.ids("control-requests").uuid());
    return reply(std::move(result));
  }

  std::string requestId = simulation_.ids("requests").uuid();
  std::string_view errorContentType =
      route.service == Service::StepFunctions ? protocol::kAwsJsonContentType
                                              : std::string_view("application/json");
  try {
    switch (route.service) {
      case Service::Batch: {
        protocol::DecodedRequest decoded = protocol::decodeRestJson(batchProtocol(), request);
        result.operation = decoded.operation;
        if (!batch_->implements(decoded.operation)) throw unknownOperation(decoded.operation);
        if (auto body = batch_->handleSerialized(decoded.operation, decoded.input)) {
          result.response = protocol::encodeRestJsonBody(batchProtocol(), decoded.operation,
                                                         std::move(*body), requestId);
          break;
        }
        stepsim::Json output = batch_->handle(decoded.operation, decoded.input);
        result.response =
            protocol::encodeRestJson(batchProtocol(), decoded.operation, output, requestId);
        break;
      }
      case Service::Lambda:
        return dispatchLambda(request, std::move(requestId), std::move(result), reply);
      case Service::StepFunctions:
        return dispatchStepFunctions(request, std::move(requestId), std::move(result), reply);
      default:
        throw core::AwsError(
            "UnknownOperationException",
            route.signingName.empty()
                ? "Cannot tell which service " + request.method + " " +
                      std::string(request.path()) + " is for"
                : "stepsim does not emulate the '" + route.signingName + "' service",
            400);
    }
  } catch (const core::AwsError& error) {
    result.response = protocol::encodeError(error, requestId, errorContentType);
  } catch (const std::exception& error) {
    result.response = internalError(result, error, requestId, errorContentType);
  }
  reply(std::move(result));
}

void Emulator::dispatchLambda(const HttpRequest& request, std::string requestId,
                              DispatchResult result, Reply& reply) {
  auto answerError = [&](const core::AwsError& error) {
    result.response = protocol::encodeError(withLambdaMembers(error), requestId, "application/json");
    reply(std::move(result));
  };
  try {
    protocol::DecodedRequest decoded = protocol::decodeRestJson(lambdaProtocol(), request);
    result.operation = decoded.operation;
    if (!lambda_->implements(decoded.operation)) throw unknownOperation(decoded.operation);
    if (decoded.operation == "Invoke") {
      // The answer may come later; everything the callback needs travels with it. A request
      // error throws before the callback runs, and is answered below with the same reply.
      auto shared = std::make_shared<Reply>(std::move(reply));
      reply = [shared](DispatchResult r) { (*shared)(std::move(r)); };
      lambda_->invoke(
          invokeRequestFrom(decoded, requestId),
          [result, requestId, shared](lambda::InvokeOutcome outcome) mutable {
            if (auto* error = std::get_if<core::AwsError>(&outcome))
              result.response =
                  protocol::encodeError(withLambdaMembers(*error), requestId, "application/json");
            else
              result.response = invokeResponse(lambdaProtocol(),
                                               std::get<lambda::InvokeResult>(std::move(outcome)));
            (*shared)(std::move(result));
          });
      return;
    }
    stepsim::Json output = lambda_->handle(decoded.operation, decoded.input);
    result.response =
        protocol::encodeRestJson(lambdaProtocol(), decoded.operation, output, requestId);
    // The model says 200, but Lambda answers DeleteFunction with 204 and no body.
    if (decoded.operation == "DeleteFunction") {
      result.response.status = 204;
      result.response.body.clear();
    }
  } catch (const core::AwsError& error) {
    return answerError(error);
  } catch (const std::exception& error) {
    result.response = internalError(result, error, requestId, "application/json");
  }
  reply(std::move(result));
}

void Emulator::dispatchStepFunctions(const HttpRequest& request, std::string requestId,
                                     DispatchResult result, Reply& reply) {
  try {
    protocol::DecodedRequest decoded = protocol::decodeAwsJson(sfnProtocol(), request);
    result.operation = decoded.operation;
    if (!sfn_->implements(decoded.operation)) throw unknownOperation(decoded.operation);
    // Operations that answer when their work ends, now or later (on the clock, or a long poll's
    // wall time): StartSyncExecution, TestState of a Task, GetActivityTask.
    using Answering = void (sfn::StepFunctionsService::*)(const stepsim::Json&,
                                                          std::function<void(stepsim::Json)>);
    Answering answering = decoded.operation == "StartSyncExecution"
                              ? &sfn::StepFunctionsService::startSyncExecution
                          : decoded.operation == "TestState"
                              ? &sfn::StepFunctionsService::testState
                          : decoded.operation == "GetActivityTask"
                              ? &sfn::StepFunctionsService::getActivityTask
                              : nullptr;
    if (answering) {
      auto shared = std::make_shared<Reply>(std::move(reply));
      reply = [shared](DispatchResult r) { (*shared)(std::move(r)); };
      ((*sfn_).*answering)(decoded.input, [result, requestId, shared,
                                           operation = decoded.operation](stepsim::Json out) mutable {
        result.response = protocol::encodeAwsJson(sfnProtocol(), operation, out, requestId);
        (*shared)(std::move(result));
      });
      return;
    }
    stepsim::Json output = sfn_->handle(decoded.operation, decoded.input);
    result.response = protocol::encodeAwsJson(sfnProtocol(), decoded.operation, output, requestId);
  } catch (const core::AwsError& error) {
    result.response = protocol::encodeError(error, requestId, protocol::kAwsJsonContentType);
  } catch (const std::exception& error) {
    result.response = internalError(result, error, requestId, protocol::kAwsJsonContentType);
  }
  reply(std::move(result));
}

}  // namespace stepsim::app
