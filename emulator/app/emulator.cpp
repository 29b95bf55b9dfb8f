#include "emulator/app/emulator.h"

#include <spdlog/spdlog.h>

#include "emulator/app/control_api.h"
#include "emulator/app/service_route.h"
#include "emulator/batch/batch_service.h"
#include "emulator/core/aws_error.h"
#include "emulator/protocol/rest_json.h"

namespace stepsim::app {
namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;

constexpr std::string_view kAwsJson10 = "application/x-amz-json-1.0";

const protocol::RestJsonService& batchProtocol() {
  static const protocol::RestJsonService service{&protocol::serviceModel("batch"),
                                                 "ClientException", "ClientException"};
  return service;
}

core::AwsError unknownOperation(std::string_view what) {
  return core::AwsError("UnknownOperationException",
                        std::string(what) + " is not an operation stepsim emulates", 400);
}

// Step Functions and Lambda are routed and answered in their wire shapes; their operations arrive
// with the issues that build those services.
core::AwsError notYetEmulated(Service service, const HttpRequest& request) {
  if (service == Service::StepFunctions) {
    std::string_view target = request.header("x-amz-target");
    std::string_view operation = target.substr(target.find('.') + 1);
    return unknownOperation("Step Functions " +
                            std::string(operation.empty() ? "(no X-Amz-Target)" : operation));
  }
  return unknownOperation("Lambda " + request.method + " " + std::string(request.path()));
}

}  // namespace

Emulator::Emulator(core::SimulationConfig config)
    : simulation_(std::move(config)),
      batch_(std::make_unique<batch::BatchService>(simulation_)) {}

Emulator::~Emulator() = default;

void Emulator::reset() {
  // The old service cancels its own timers as it goes; only then is the timer queue cleared, so no
  // cancel can land on a timer of the new service.
  batch_.reset();
  simulation_.reset();
  batch_ = std::make_unique<batch::BatchService>(simulation_);
}

DispatchResult Emulator::dispatch(const HttpRequest& request) {
  ServiceRoute route = routeRequest(request);
  DispatchResult result;
  result.service = serviceLogName(route.service);
  if (route.service == Service::Control) {
    result.operation = std::string(request.path());
    result.response = handleControlRequest(*this, request);
    // A stream of its own: polling the clock must not shift the ids AWS calls get.
    result.response.setHeader("x-amzn-RequestId", simulation_.ids("control-requests").uuid());
    return result;
  }

  std::string requestId = simulation_.ids("requests").uuid();
  std::string_view errorContentType =
      route.service == Service::StepFunctions ? kAwsJson10 : std::string_view("application/json");
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
        nlohmann::json output = batch_->handle(decoded.operation, decoded.input);
        result.response =
            protocol::encodeRestJson(batchProtocol(), decoded.operation, output, requestId);
        break;
      }
      case Service::StepFunctions:
      case Service::Lambda:
        throw notYetEmulated(route.service, request);
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
  } catch (const nlohmann::json::exception& error) {
    // A handler met a JSON value of a type it did not expect: the client's mistake, not ours.
    std::string code = route.service == Service::Batch ? "ClientException" : "SerializationException";
    result.response = protocol::encodeError(
        core::AwsError(code, std::string("Invalid request: ") + error.what(), 400), requestId,
        errorContentType);
  } catch (const std::exception& error) {
    spdlog::error("internal error in {} {}: {}", result.service, result.operation, error.what());
    std::string code = route.service == Service::Batch ? "ServerException" : "ServiceException";
    result.response = protocol::encodeError(
        core::AwsError(code, std::string("Internal error: ") + error.what(), 500), requestId,
        errorContentType);
  }
  return result;
}

}  // namespace stepsim::app
