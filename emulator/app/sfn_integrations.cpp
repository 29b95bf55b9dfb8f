#include "emulator/app/sfn_integrations.h"

#include "emulator/app/account_region.h"
#include "emulator/app/permission_checks.h"
#include "emulator/app/sdk_names.h"
#include "emulator/app/service_protocols.h"
#include "emulator/app/sfn_task_permissions.h"
#include "emulator/batch/batch_service.h"
#include "emulator/core/json_text.h"
#include "emulator/core/time_types.h"
#include "emulator/lambda/lambda_service.h"
#include "emulator/protocol/aws_json.h"
#include "emulator/protocol/service_model.h"
#include "emulator/protocol/shape_validator.h"
#include "emulator/stepfunctions/api/sfn_service.h"
#include "emulator/stepfunctions/definition/task_resources.h"
#include "emulator/stepfunctions/engine/data_flow.h"

namespace stepsim::app {

namespace {

using json = stepsim::Json;
using sfn::IntegrationPattern;
using sfn::TaskKind;
using sfn::TaskOutcome;

const protocol::Operation& modelOperation(std::string_view service, std::string_view operation) {
  const protocol::Operation* op = protocol::serviceModel(service).findOperation(operation);
  if (!op) throw std::logic_error("no operation " + std::string(operation));
  return *op;
}

// A request a task makes of Batch or Lambda, checked against the model as the service checks one
// that arrives over HTTP: a value it refuses fails the task with the service's validation error
// ("Batch.ClientException") instead of reaching a handler that trusts validated input.
void checkAgainstModel(std::string_view service, const protocol::Operation& op, const json& input) {
  if (!op.input) return;
  const protocol::RestJsonService& p = service == "batch" ? batchProtocol() : lambdaProtocol();
  protocol::validateShape(*op.input, input, {p.serializationErrorCode, p.validationErrorCode});
}

// How a task names the service in its failure: the error prefix ("Lambda.ResourceNotFound...")
// and the AWS SDK's client name in the cause. Step Functions' optimized integrations call the
// services with the AWS SDK for Java v1, the aws-sdk integrations with v2, and the cause ends with
// that SDK's description of the failed call.
struct ServiceNames {
  const char* prefix;  // "Lambda"
  const char* sdkV1;   // "AWSLambda"
  const char* sdkV2;   // "Lambda"
};
constexpr ServiceNames kLambdaNames{"Lambda", "AWSLambda", "Lambda"};
constexpr ServiceNames kBatchNames{"Batch", "AWSBatch", "Batch"};
constexpr ServiceNames kSfnNames{"StepFunctions", "AWSStepFunctions", "Sfn"};
// aws-sdk:sfn names Step Functions as the AWS SDK for Java v2 does.
constexpr ServiceNames kSfnSdkNames{"Sfn", "AWSStepFunctions", "Sfn"};

enum class Sdk { V1, V2 };

// `errorName` replaces "<Service>.<Code>" for errors the SDK has no class for: those are reported
// as the SDK's generic exception ("Lambda.AWSLambdaException").
TaskOutcome serviceFailure(const core::AwsError& error, const ServiceNames& names, Sdk sdk,
                           core::Simulation& sim, std::string errorName = {}) {
  std::string requestId = sim.ids("sfn-task-requests").uuid();
  std::string status = std::to_string(error.httpStatus);
  std::string cause =
      sdk == Sdk::V1
          ? error.message + " (Service: " + names.sdkV1 + "; Status Code: " + status +
                "; Error Code: " + error.code + "; Request ID: " + requestId + "; Proxy: null)"
          : error.message + " (Service: " + names.sdkV2 + ", Status Code: " + status +
                ", Request ID: " + requestId + ")";
  // The SDK for Java v2 names its exception classes "<Code>Exception"
  // ("Sfn.InvalidTokenException").
  bool suffix = sdk == Sdk::V2 && !error.code.ends_with("Exception");
  if (errorName.empty())
    errorName = std::string(names.prefix) + "." + error.code + (suffix ? "Exception" : "");
  return TaskOutcome::failure(std::move(errorName), std::move(cause));
}

// The service a task calls as its failures name it, and the SDK Step Functions calls it with.
std::pair<const ServiceNames*, Sdk> calledService(const sfn::TaskRequest& request) {
  switch (request.kind) {
    case TaskKind::BatchSubmitJob:
      return {&kBatchNames, Sdk::V1};
    case TaskKind::StartExecution:
      return {&kSfnNames, Sdk::V1};
    case TaskKind::SdkIntegration:
      return {request.sdkService == "batch" ? &kBatchNames
              : request.sdkService == "sfn" ? &kSfnSdkNames
                                            : &kLambdaNames,
              Sdk::V2};
    default:
      return {&kLambdaNames, Sdk::V1};
  }
}

// A call the execution role may not make fails as AWS fails it: the service's AccessDenied,
// which the SDK knows only as its generic exception.
std::optional<TaskOutcome> deniedTask(AccountRegion& place, const sfn::TaskRequest& request) {
  if (request.roleArn.empty()) return std::nullopt;
  AwsPlace where = place.place();
  if (auto denied = deniedPermission(place, request.roleArn, taskPermissions(request, where))) {
    auto [names, sdk] = calledService(request);
    std::string generic = sdk == Sdk::V1 ? names->sdkV1 : names->sdkV2;
    return serviceFailure(*denied, *names, sdk, place.simulation(),
                          std::string(names->prefix) + "." + generic + "Exception");
  }
  if (deniedPermission(place, request.roleArn, managedRulePermissions(request, where)))
    return TaskOutcome::failure(
        "States.Runtime", "'" + request.roleArn + "' is not authorized to create managed-rule.");
  return std::nullopt;
}

// The HTTP answer lambda:invoke describes in its result, with the headers AWS's Lambda sends:
// HttpHeaders one value each, AllHttpHeaders every value as a list.
json sdkHttpMetadata(const lambda::InvokeResult& r, core::Simulation& sim) {
  json headers = {{"Connection", "keep-alive"},
                  {"Content-Length", std::to_string(r.payload.size())},
                  {"Content-Type", "application/json"},
                  {"Date", core::formatHttpDate(sim.now())},
                  {"X-Amz-Executed-Version", r.executedVersion},
                  {"x-amzn-Remapped-Content-Length", "0"},
                  {"x-amzn-RequestId", r.requestId},
                  {"X-Amzn-Trace-Id", lambda::invocationTraceId(r.requestId)}};
  if (r.logResult) headers["X-Amz-Log-Result"] = *r.logResult;
  json all = json::object();
  for (const auto& [name, value] : headers.items()) all[name] = json::array({value});
  return {{"AllHttpHeaders", std::move(all)}, {"HttpHeaders", std::move(headers)},
          {"HttpStatusCode", r.statusCode}};
}

// A Lambda outcome as a task outcome. `wrapped` (lambda:invoke) gives AWS's response object with
// the payload inside; a function ARN gives the payload itself.
TaskOutcome lambdaOutcome(lambda::InvokeOutcome& outcome, bool wrapped, core::Simulation& sim) {
  if (auto* error = std::get_if<core::AwsError>(&outcome))
    return serviceFailure(*error, kLambdaNames, Sdk::V1, sim);
  auto& r = std::get<lambda::InvokeResult>(outcome);
  json payload = r.value              ? std::move(*r.value)
                 : r.payload.empty() ? json(nullptr)
                                     : core::parseClientJson(r.payload);
  if (r.functionError) {
    std::string type = payload.is_object() && payload.contains("errorType") &&
                               payload["errorType"].is_string()
                           ? payload["errorType"].get<std::string>()
                           : "Lambda.Unknown";
    // lambda:invoke reads the error document and writes it compactly; a function ARN task passes
    // the function's text on as it is.
    return TaskOutcome::failure(type, wrapped && payload.is_object() ? core::serializeJson(payload)
                                                                     : r.payload);
  }
  if (payload.is_discarded()) {
    // Raw bytes (a Python handler returning bytes) too large for a state fail on their size, as
    // the result of any task does; smaller ones are no state data at all.
    if (r.payload.size() <= sfn::kMaxPayloadBytes)
      return TaskOutcome::failure("Lambda.Unknown", "The function returned a payload that is not JSON");
    payload = r.payload;
  }
  if (!wrapped) return TaskOutcome::success(std::move(payload));
  json out = {{"ExecutedVersion", r.executedVersion},
              {"Payload", std::move(payload)},
              {"SdkHttpMetadata", sdkHttpMetadata(r, sim)},
              {"SdkResponseMetadata", {{"RequestId", r.requestId}}},
              {"StatusCode", r.statusCode}};
  if (r.logResult) out["LogResult"] = *r.logResult;
  return TaskOutcome::success(std::move(out));
}

// Runs `body`, turning a service's AwsError into the task failure "<Service>.<Code>".
template <class Body>
std::function<void()> guarded(const ServiceNames& service, Sdk sdk, core::Simulation& sim,
                              sfn::TaskCallbacks& callbacks, Body body) {
  try {
    return body();
  } catch (const core::AwsError& error) {
    callbacks.done(serviceFailure(error, service, sdk, sim));
  } catch (const json::exception& error) {
    callbacks.done(TaskOutcome::failure("States.Runtime", error.what()));
  }
  return nullptr;
}

// Step Functions writes a JSON value given for a string member as its text: startExecution's
// Input may be an object in Parameters.
json withImplicitJsonText(const protocol::Shape* shape, json input) {
  if (!shape || !input.is_object()) return input;
  for (const protocol::Member& member : shape->members) {
    auto it = input.find(member.name);
    if (it != input.end() && member.shape->type == protocol::ShapeType::String &&
        (it->is_object() || it->is_array()))
      *it = core::serializeJson(*it);
  }
  return input;
}

}  // namespace

std::function<void()> SfnIntegrations::run(const sfn::TaskRequest& request,
                                           sfn::TaskCallbacks callbacks) {
  if (std::optional<TaskOutcome> denied = deniedTask(place_, request)) {
    callbacks.done(std::move(*denied));
    return nullptr;
  }
  switch (request.kind) {
    case TaskKind::LambdaArn:
    case TaskKind::LambdaInvoke:
      return lambdaTask(request, std::move(callbacks));
    case TaskKind::BatchSubmitJob:
      return batchTask(request, std::move(callbacks));
    case TaskKind::SdkIntegration:
      return sdkTask(request, std::move(callbacks));
    case TaskKind::StartExecution:
      return nestedExecution(request, std::move(callbacks));
    case TaskKind::Activity:
      break;  // the Step Functions service queues activity tasks itself; none reach here
    case TaskKind::Unemulated:  // only TestState gets here (the engine fails these itself)
      callbacks.done(TaskOutcome::failure(
          "States.Runtime", "stepsim does not emulate " + request.resource + "; mock it"));
      return nullptr;
  }
  callbacks.done(TaskOutcome::failure("States.Runtime", "No integration runs " + request.resource));
  return nullptr;
}

std::function<void()> SfnIntegrations::lambdaTask(const sfn::TaskRequest& request,
                                                  sfn::TaskCallbacks callbacks) {
  return guarded(
      kLambdaNames, Sdk::V1, place_.simulation(), callbacks, [&]() -> std::function<void()> {
        lambda::InvokeRequest invoke;
        bool wrapped = request.kind == TaskKind::LambdaInvoke;
        if (!wrapped) {
          invoke.functionName = request.resource;
          invoke.payload = core::serializeJson(request.parameters);
          invoke.event = request.parameters;
        } else {
          const json& p = request.parameters;
          if (!p.is_object() || !p.contains("FunctionName") || !p["FunctionName"].is_string())
            throw core::AwsError("InvalidParameterValueException",
                                 "The field 'FunctionName' is required by lambda:invoke", 400);
          invoke.functionName = p["FunctionName"].get<std::string>();
          if (p.contains("Qualifier")) invoke.qualifier = p["Qualifier"].get<std::string>();
          // A null Payload sends none: the function gets {} as with no payload at all.
          if (p.contains("Payload") && p["Payload"].is_string()) {
            invoke.payload = p["Payload"].get<std::string>();
          } else if (p.contains("Payload") && !p["Payload"].is_null()) {
            invoke.payload = core::serializeJson(p["Payload"]);
            invoke.event = p["Payload"];
          }
          std::string type = p.value("InvocationType", "RequestResponse");
          invoke.type = type == "Event"    ? lambda::InvocationType::Event
                        : type == "DryRun" ? lambda::InvocationType::DryRun
                                           : lambda::InvocationType::RequestResponse;
          invoke.tailLog = p.value("LogType", "None") == "Tail";
          if (p.contains("ClientContext"))
            invoke.clientContext = p["ClientContext"].get<std::string>();
        }
        bool waitForToken = request.pattern == IntegrationPattern::WaitForTaskToken;
        auto done = callbacks.done;
        core::Simulation* sim = &place_.simulation();
        place_.lambda().invoke(invoke,
                               [done, wrapped, waitForToken, sim](lambda::InvokeOutcome outcome) {
                                 TaskOutcome task = lambdaOutcome(outcome, wrapped, *sim);
                                 // With a task token, only a failed invocation ends the task;
                                 // success waits for the token.
                                 if (!waitForToken || task.failed) done(std::move(task));
                               });
        return nullptr;
      });
}

std::function<void()> SfnIntegrations::batchTask(const sfn::TaskRequest& request,
                                                 sfn::TaskCallbacks callbacks) {
  return guarded(
      kBatchNames, Sdk::V1, place_.simulation(), callbacks, [&]() -> std::function<void()> {
        const protocol::Operation& submit = modelOperation("batch", "SubmitJob");
        json input = toModelNames(submit.input, request.parameters);
        checkAgainstModel("batch", submit, input);
        json submitted = place_.batch().handle("SubmitJob", input);
        json output = toPascalNames(submit.output, submitted);
        if (request.pattern != IntegrationPattern::Sync) {
          callbacks.done(TaskOutcome::success(std::move(output)));
          return nullptr;
        }
        callbacks.submitted(output);
        std::string jobId = submitted.at("jobId").get<std::string>();
        auto active = std::make_shared<bool>(true);
        AccountRegion* place = &place_;
        auto done = callbacks.done;
        place_.batch().watchJob(jobId, [place, jobId, active, done] {
          if (!*active) return;
          const protocol::Operation& describe = modelOperation("batch", "DescribeJobs");
          json jobs = place->batch().handle("DescribeJobs", {{"jobs", {jobId}}});
          const protocol::Shape* detail = describe.output->findMember("jobs")->shape->member;
          json job = toPascalNames(detail, jobs["jobs"][0]);
          if (job.value("Status", "") == "SUCCEEDED")
            done(TaskOutcome::success(std::move(job)));
          else
            done(TaskOutcome::failure("States.TaskFailed", core::serializeJson(job)));
        });
        // Stopping the execution (or a task timeout) terminates the job.
        return [place, jobId, active] {
          if (!*active) return;
          *active = false;
          try {
            place->batch().handle("TerminateJob",
                                  {{"jobId", jobId}, {"reason", "Step Functions task stopped"}});
          } catch (const core::AwsError&) {
          }
        };
      });
}

std::function<void()> SfnIntegrations::sdkTask(const sfn::TaskRequest& request,
                                               sfn::TaskCallbacks callbacks) {
  if (request.sdkService == "sfn") return sfnSdkTask(request, std::move(callbacks));
  return guarded(*calledService(request).first, Sdk::V2, place_.simulation(), callbacks,
                 [&]() -> std::function<void()> {
                   std::string operation = sfn::operationName(request.sdkAction);
                   const protocol::Operation& op = modelOperation(request.sdkService, operation);
                   json input = toModelNames(op.input, request.parameters);
                   if (request.sdkService == "lambda" && operation == "Invoke") {
                     lambda::InvokeRequest invoke;
                     invoke.functionName = input.value("FunctionName", "");
                     if (input.contains("Qualifier"))
                       invoke.qualifier = input["Qualifier"].get<std::string>();
                     if (input.contains("Payload"))
                       invoke.payload = input["Payload"].is_string()
                                            ? input["Payload"].get<std::string>()
                                            : core::serializeJson(input["Payload"]);
                     auto done = callbacks.done;
                     core::Simulation* sim = &place_.simulation();
                     place_.lambda().invoke(invoke, [done, sim](lambda::InvokeOutcome outcome) {
                       if (auto* error = std::get_if<core::AwsError>(&outcome))
                         return done(serviceFailure(*error, kLambdaNames, Sdk::V2, *sim));
                       const auto& r = std::get<lambda::InvokeResult>(outcome);
                       json out = {{"ExecutedVersion", r.executedVersion},
                                   {"Payload", r.payload},
                                   {"StatusCode", r.statusCode}};
                       if (r.functionError) out["FunctionError"] = *r.functionError;
                       done(TaskOutcome::success(std::move(out)));
                     });
                     return nullptr;
                   }
                   checkAgainstModel(request.sdkService, op, input);
                   json output = request.sdkService == "batch"
                                     ? place_.batch().handle(operation, input)
                                     : place_.lambda().handle(operation, input);
                   callbacks.done(TaskOutcome::success(toPascalNames(op.output, output)));
                   return nullptr;
                 });
}

std::function<void()> SfnIntegrations::sfnSdkTask(const sfn::TaskRequest& request,
                                                  sfn::TaskCallbacks callbacks) {
  return guarded(
      kSfnSdkNames, Sdk::V2, place_.simulation(), callbacks, [&]() -> std::function<void()> {
        std::string operation = sfn::operationName(request.sdkAction);
        const protocol::Operation& op = modelOperation("stepfunctions", operation);
        json input = withImplicitJsonText(op.input, toModelNames(op.input, request.parameters));
        protocol::checkAwsJsonInput(sfnProtocol(), op, input);
        if (operation != "GetActivityTask" && operation != "StartSyncExecution") {
          callbacks.done(TaskOutcome::success(
              toPascalNames(op.output, place_.sfn().handle(operation, input))));
          return nullptr;
        }
        // The long poll and the synchronous start answer when they end; a task that is gone by then
        // (its execution stopped or timed out) ignores the answer.
        auto active = std::make_shared<bool>(true);
        auto answer = [done = callbacks.done, active, output = op.output](json result) {
          if (!*active) return;
          *active = false;
          done(TaskOutcome::success(toPascalNames(output, result)));
        };
        if (operation == "GetActivityTask")
          place_.sfn().getActivityTask(input, answer);
        else
          place_.sfn().startSyncExecution(input, answer);
        if (!*active) return nullptr;
        return [active] { *active = false; };
      });
}

std::function<void()> SfnIntegrations::nestedExecution(const sfn::TaskRequest& request,
                                                       sfn::TaskCallbacks callbacks) {
  return guarded(
      kSfnNames, Sdk::V1, place_.simulation(), callbacks, [&]() -> std::function<void()> {
        const json& p = request.parameters;
        json input = {{"stateMachineArn", p.value("StateMachineArn", "")}};
        if (p.contains("Name")) input["name"] = p["Name"];
        if (p.contains("Input"))
          input["input"] = p["Input"].is_string() ? p["Input"].get<std::string>()
                                                  : core::serializeJson(p["Input"]);
        IntegrationPattern pattern = request.pattern;
        auto done = callbacks.done;
        auto active = std::make_shared<bool>(true);
        bool sync = pattern == IntegrationPattern::Sync || pattern == IntegrationPattern::Sync2;
        std::string arn = place_.sfn().startNested(input, [done, pattern, active,
                                                           sync](json result) {
          if (!sync || !*active) return;
          *active = false;
          json out = toPascalNames(
              protocol::serviceModel("stepfunctions").findOperation("DescribeExecution")->output,
              result);
          // .sync:2 gives Output as JSON, .sync as text.
          if (pattern == IntegrationPattern::Sync2 && out.contains("Output"))
            out["Output"] = core::parseClientJson(out["Output"].get<std::string>());
          if (out.value("Status", "") == "SUCCEEDED")
            done(TaskOutcome::success(std::move(out)));
          else
            done(TaskOutcome::failure("States.TaskFailed", core::serializeJson(out)));
        });
        if (!sync) {
          if (pattern != IntegrationPattern::WaitForTaskToken)
            done(TaskOutcome::success(
                {{"ExecutionArn", arn}, {"StartDate", place_.simulation().now() / 1000.0}}));
          return nullptr;
        }
        AccountRegion* place = &place_;
        return [place, arn, active] {
          if (!*active) return;
          *active = false;
          place->sfn().stopExecution(arn, "States.Aborted", "The parent execution stopped");
        };
      });
}

}  // namespace stepsim::app
