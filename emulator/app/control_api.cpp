#include "emulator/app/control_api.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "emulator/app/aws_names.h"
#include "emulator/app/cloudformation_binding.h"
#include "emulator/app/emulator.h"
#include "emulator/batch/batch_service.h"
#include "emulator/cloudformation/cloudformation_service.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/core/throw_trace.h"
#include "emulator/core/time_types.h"
#include "emulator/lambda/lambda_service.h"
#include "emulator/protocol/uri.h"

namespace stepsim::app {
namespace {

using json = stepsim::Json;
using protocol::HttpRequest;
using protocol::HttpResponse;

struct ControlError {
  int status;
  std::string message;
};

json parseBody(const HttpRequest& request) {
  if (request.body.empty()) return json::object();
  json body = core::parseClientJson(request.body);
  if (body.is_discarded())
    throw ControlError{400, "Request body is not valid JSON (or nests deeper than " +
                                std::to_string(core::kMaxClientJsonDepth) + " levels)"};
  if (!body.is_object()) throw ControlError{400, "Request body must be a JSON object"};
  return body;
}

json clockObject(const core::Simulation& simulation) {
  return {{"now", core::formatIso8601(simulation.now())},
          {"epochMillis", simulation.now()},
          {"mode", std::string(core::toString(simulation.clock().mode()))}};
}

// {"mode": ...}, {"advanceSeconds": N}, {"advanceTo": ISO}, {"advanceToNextTimer": true}: all
// checked before anything changes.
json updateClock(core::Simulation& simulation, const json& body) {
  std::optional<core::ClockMode> mode;
  if (body.contains("mode")) {
    const json& value = body["mode"];
    if (value.is_string()) mode = core::parseClockMode(value.get<std::string>());
    if (!mode) throw ControlError{400, "mode must be one of auto, manual, realtime"};
  }
  int advances = static_cast<int>(body.contains("advanceSeconds")) +
                 static_cast<int>(body.contains("advanceTo")) +
                 static_cast<int>(body.contains("advanceToNextTimer"));
  if (advances > 1)
    throw ControlError{400, "Give one of advanceSeconds, advanceTo and advanceToNextTimer"};

  std::optional<core::TimeMs> target;
  if (body.contains("advanceSeconds")) {
    const json& value = body["advanceSeconds"];
    if (!value.is_number() || value.get<double>() < 0 || !std::isfinite(value.get<double>()) ||
        value.get<double>() > 1e12)
      throw ControlError{400, "advanceSeconds must be a non-negative number of seconds"};
    target = simulation.now() + static_cast<core::TimeMs>(std::llround(value.get<double>() * 1000));
  }
  if (body.contains("advanceTo")) {
    const json& value = body["advanceTo"];
    std::optional<core::TimeMs> when;
    if (value.is_string()) when = core::parseIso8601(value.get<std::string>());
    if (!when) throw ControlError{400, "advanceTo must be an ISO-8601 timestamp with a zone"};
    if (*when < simulation.now())
      throw ControlError{400, "advanceTo " + value.get<std::string>() +
                                  " is before the current virtual time " +
                                  core::formatIso8601(simulation.now())};
    target = when;
  }
  if (body.contains("advanceToNextTimer")) {
    if (body["advanceToNextTimer"] != true)
      throw ControlError{400, "advanceToNextTimer must be true"};
    // Nothing scheduled: the clock stays where it is.
    if (auto due = simulation.scheduler().nextDue()) target = std::max(*due, simulation.now());
  }

  if (mode) simulation.clock().setMode(*mode);
  if (target) simulation.advanceTo(*target);
  return clockObject(simulation);
}

HttpResponse lifecycles(batch::BatchService& batch, const HttpRequest& request) {
  if (request.method == "GET") return controlJsonResponse(200, batch.listLifecycleRules());
  if (request.method == "DELETE") {
    batch.clearLifecycleRules();
    return controlJsonResponse(200, batch.listLifecycleRules());
  }
  if (request.method == "POST") {
    json body = parseBody(request);
    try {
      batch.addLifecycleRules(body);
    } catch (const core::AwsError& error) {
      throw ControlError{400, error.message};
    }
    return controlJsonResponse(200, batch.listLifecycleRules());
  }
  throw ControlError{405, "Use GET, POST or DELETE on /_stepsim/batch/lifecycles"};
}

// Scripted Lambda responses: POST installs one function's script (replacing its old one and
// restarting its count), GET lists scripts and counters, DELETE drops them all.
HttpResponse lambdaResponses(lambda::ScriptBook& scripts, const HttpRequest& request) {
  if (request.method == "GET") return controlJsonResponse(200, scripts.list());
  if (request.method == "DELETE") {
    scripts.clear();
    return controlJsonResponse(200, scripts.list());
  }
  if (request.method == "POST") {
    json body = parseBody(request);
    lambda::ScriptedResponses script;
    try {
      script = lambda::parseScriptedResponses(body);
    } catch (const core::AwsError& error) {
      throw ControlError{400, error.message};
    }
    json installed = script.toJson();
    scripts.install(std::move(script));
    return controlJsonResponse(200, installed);
  }
  throw ControlError{405, "Use GET, POST or DELETE on /_stepsim/lambda/responses"};
}

// How long CloudFormation takes to make, change or delete each resource type, in virtual time:
// POST {"defaultSeconds": s, "secondsByType": {"AWS::Lambda::Function": s}} sets (what it names),
// GET shows, DELETE puts back the default (1 s for every type).
HttpResponse provisioningTimes(cfn::StackEngine& engine, const HttpRequest& request) {
  if (request.method == "GET") return controlJsonResponse(200, engine.provisioningTimes());
  if (request.method == "DELETE") {
    engine.clearProvisioningTimes();
    return controlJsonResponse(200, engine.provisioningTimes());
  }
  if (request.method != "POST")
    throw ControlError{405, "Use GET, POST or DELETE on /_stepsim/cloudformation/provisioning"};
  json body = parseBody(request);
  auto millis = [](const json& seconds, const std::string& what) {
    if (!seconds.is_number() || !std::isfinite(seconds.get<double>()) ||
        seconds.get<double>() < 0 || seconds.get<double>() > 1e9)
      throw ControlError{400, what + " must be a non-negative number of seconds"};
    return static_cast<core::TimeMs>(std::llround(seconds.get<double>() * 1000));
  };
  json byType = body.value("secondsByType", json::object());
  if (!byType.is_object()) throw ControlError{400, "secondsByType must be an object"};
  // Everything is checked before anything changes.
  std::optional<core::TimeMs> fallback;
  if (body.contains("defaultSeconds")) fallback = millis(body["defaultSeconds"], "defaultSeconds");
  std::vector<std::pair<std::string, core::TimeMs>> times;
  for (const auto& [type, seconds] : byType.items())
    times.emplace_back(type, millis(seconds, "secondsByType." + type));
  if (fallback) engine.setDefaultProvisioningTime(*fallback);
  for (const auto& [type, ms] : times) engine.setProvisioningTime(type, ms);
  return controlJsonResponse(200, engine.provisioningTimes());
}

// The account and region a per-service endpoint works in: ?account=&region= (each defaults to the
// server's), so a test can script jobs and functions of any place it signs for.
AccountRegion& placeNamed(Emulator& emulator, const HttpRequest& request) {
  const core::SimulationConfig& config = emulator.simulation().config();
  std::string account = config.account, region = config.region;
  for (auto& [name, value] : protocol::parseQuery(request.query())) {
    if (name == "account") {
      if (!isAccountId(value)) throw ControlError{400, "account must be 12 digits"};
      account = value;
    } else if (name == "region") {
      if (!isRegionName(value)) throw ControlError{400, "region must name a region, as us-east-1"};
      region = value;
    }
  }
  try {
    return emulator.accountRegion(account, region);
  } catch (const core::AwsError& error) {
    throw ControlError{400, error.what()};
  }
}

HttpResponse route(Emulator& emulator, const HttpRequest& request) {
  std::string_view path = request.path();
  const std::string& method = request.method;
  auto requireMethod = [&](std::string_view allowed) {
    if (method != allowed)
      throw ControlError{405, "Use " + std::string(allowed) + " on " + std::string(path)};
  };

  if (path == "/_stepsim/health") {
    requireMethod("GET");
    return controlJsonResponse(200, {{"status", "ok"}});
  }
  if (path == "/_stepsim/clock") {
    if (method == "GET") return controlJsonResponse(200, clockObject(emulator.simulation()));
    requireMethod("POST");
    return controlJsonResponse(200, updateClock(emulator.simulation(), parseBody(request)));
  }
  if (path == "/_stepsim/reset") {
    requireMethod("POST");
    emulator.reset();
    return controlJsonResponse(200, clockObject(emulator.simulation()));
  }
  if (path == "/_stepsim/batch/lifecycles")
    return lifecycles(placeNamed(emulator, request).batch(), request);
  if (path == "/_stepsim/batch/jobs") {
    requireMethod("GET");
    return controlJsonResponse(200, placeNamed(emulator, request).batch().listJobHistories());
  }
  if (path == "/_stepsim/lambda/responses")
    return lambdaResponses(placeNamed(emulator, request).lambda().scripts(), request);
  if (path == "/_stepsim/cloudformation/provisioning")
    return provisioningTimes(cloudFormation(placeNamed(emulator, request)).engine(), request);
  if (path == "/_stepsim/cloudformation/stacks") {
    requireMethod("GET");
    return controlJsonResponse(200, cloudFormation(placeNamed(emulator, request)).overview());
  }
  if (const Emulator::ControlEndpoint* endpoint = emulator.controlEndpoint(path)) return (*endpoint)(request);
  throw ControlError{404, "No control endpoint " + std::string(path)};
}

}  // namespace

HttpResponse controlJsonResponse(int status, const json& body) {
  HttpResponse response;
  response.status = status;
  response.setHeader("Content-Type", "application/json");
  response.body = core::serializeJson(body);  // invalid UTF-8 echoed from a request is replaced
  return response;
}

HttpResponse handleControlRequest(Emulator& emulator, const HttpRequest& request) {
  try {
    return route(emulator, request);
  } catch (const ControlError& error) {
    return controlJsonResponse(error.status, {{"message", error.message}});
  } catch (const std::exception& error) {
    // A bug in stepsim, not the client's mistake: say so, log where it was thrown, keep serving.
    spdlog::error("internal error in control {}: {}\n{}", request.path(),
                  core::describeException(error), core::lastThrowStack());
    return controlJsonResponse(500, {{"message", "Internal error: " + std::string(error.what())}});
  }
}

}  // namespace stepsim::app
