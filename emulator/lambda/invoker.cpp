#include "emulator/lambda/invoker.h"

#include <algorithm>

#include "emulator/core/base64.h"
#include "emulator/core/json_text.h"
#include "emulator/core/time_types.h"
#include "emulator/lambda/builtin_handlers.h"
#include "emulator/lambda/errors.h"
#include "emulator/lambda/log_tail.h"
#include "emulator/lambda/worker_pool.h"

namespace stepsim::lambda {

// One accepted invocation: everything it needs copied, so a later UpdateFunctionConfiguration or
// DeleteFunction does not change an invocation already under way.
struct Invoker::Call {
  std::string functionName;
  std::string version;
  FunctionConfig config;
  std::string invokedArn;
  std::string requestId;
  std::string payload;  // JSON text
  stepsim::Json event;
  std::optional<std::string> clientContext;  // decoded
  bool tailLog = false;

  InvokeResult result(bool failed, std::string body, std::string_view output, double durationMs,
                      std::optional<double> initDurationMs = std::nullopt) const {
    InvokeResult r;
    r.statusCode = 200;
    r.payload = std::move(body);
    if (failed) r.functionError = "Unhandled";
    if (tailLog)
      r.logResult = invocationLogTail(requestId, version, output, durationMs, config.memorySize,
                                      initDurationMs);
    r.executedVersion = version;
    r.requestId = requestId;
    r.printed = std::string(output);
    r.durationMs = durationMs;
    r.initDurationMs = initDurationMs;
    return r;
  }

  InvokeResult timedOut() const {
    stepsim::Json error = {{"errorType", "Sandbox.Timedout"},
                            {"errorMessage", "RequestId: " + requestId +
                                                 " Error: Task timed out after " +
                                                 std::to_string(config.timeout) + ".00 seconds"}};
    return result(true, core::serializeJson(error), "", config.timeout * 1000.0);
  }
};

namespace {

// Members in the order AWS's Python runtime writes them.
std::string functionErrorDocument(std::string_view type, std::optional<std::string_view> message) {
  stepsim::Json error = stepsim::Json::object();
  if (message) error["errorMessage"] = *message;
  error["errorType"] = type;
  error["stackTrace"] = stepsim::Json::array();
  return core::serializeJson(error);
}

bool isFake(const std::string& handler) {
  return handler.compare(0, kFakeHandlerPrefix.size(), kFakeHandlerPrefix) == 0;
}

// The stream a function version's invocations log to, named as AWS names a sandbox's:
// "2026/01/01/[$LATEST]" and 32 hex digits, made on its first invocation.
const std::string& logStreamOf(LambdaState& state, const std::string& function,
                               const std::string& version) {
  std::string& stream = state.logStreams[function + ":" + version];
  if (stream.empty()) {
    std::string id = state.sim.ids("lambda-log-streams").uuid();
    std::erase(id, '-');
    stream = core::formatIso8601(state.sim.now()).substr(0, 10) + "/[" + version + "]" + id;
    std::replace(stream.begin(), stream.begin() + 10, '-', '/');
  }
  return stream;
}

}  // namespace

// START when the invocation began, what it printed and END, REPORT when it ended, in the group
// "/aws/lambda/<function>".
void Invoker::writeInvocationLog(LambdaState& state, const Call& call, core::TimeMs start,
                                 const InvokeResult& result) {
  std::vector<std::string> lines =
      invocationLogLines(call.requestId, call.version, result.printed, result.durationMs,
                         call.config.memorySize, result.initDurationMs);
  core::TimeMs end = state.sim.now();
  std::vector<LogLine> timed;
  for (std::size_t i = 0; i < lines.size(); ++i)
    timed.push_back(LogLine{i == 0 ? start : end, std::move(lines[i])});
  state.writeLog("/aws/lambda/" + call.functionName,
                 logStreamOf(state, call.functionName, call.version), std::move(timed));
}

Invoker::Invoker(LambdaState& state) : state_(state) {
  state_.configured = [this](const FunctionConfig& config) {
    if (host_ && !config.handler.starts_with(kFakeHandlerPrefix) &&
        WorkerPool::supports(config.runtime))
      host_->expectRuntime(config.runtime);
  };
}

Invoker::~Invoker() {
  for (core::TimerId timer : timers_) state_.sim.cancel(timer);
}

void Invoker::setProcessHost(ProcessHost* host) {
  if (host == host_) return;
  pool_.reset();
  host_ = host;
}

void Invoker::finishLater(core::TimeMs delayMs, std::function<void()> finish) {
  auto id = std::make_shared<core::TimerId>(0);
  *id = state_.sim.after(delayMs, [this, id, finish = std::move(finish)] {
    timers_.erase(*id);
    finish();
  });
  timers_.insert(*id);
}

void Invoker::invoke(const InvokeRequest& request, InvokeCallback done) {
  FunctionRef ref = state_.arns.parseQualified(request.functionName, request.qualifier);
  // Invoke runs $LATEST when unqualified, and names it when the function is missing.
  Resolved resolved = state_.resolve(ref, "$LATEST");

  std::size_t limit =
      request.type == InvocationType::Event ? kMaxEventPayloadBytes : kMaxSyncPayloadBytes;
  if (request.payload.size() > limit)
    requestTooLarge("Request must be smaller than " + std::to_string(limit) +
                    " bytes for the InvokeFunction operation");
  auto call = std::make_shared<Call>();
  call->payload = request.payload.empty() ? "{}" : request.payload;
  call->event = request.event ? *request.event : core::parseClientJson(call->payload);
  if (call->event.is_discarded())
    invalidContent("Could not parse request body into json: the payload is not valid JSON or "
                   "nests deeper than " + std::to_string(core::kMaxClientJsonDepth) + " levels");
  if (request.clientContext) {
    std::optional<std::string> decoded = core::decodeBase64(*request.clientContext);
    if (!decoded || !core::parseClientJson(*decoded).is_object())
      invalidContent("Client context must be a valid Base64-encoded JSON object.");
    call->clientContext = std::move(decoded);
  }
  call->functionName = resolved.function->name;
  call->version = resolved.version;
  call->config = *resolved.config;
  call->invokedArn = state_.arns.function(call->functionName, resolved.arnQualifier);
  call->requestId =
      request.requestId.empty() ? state_.sim.ids("lambda-requests").uuid() : request.requestId;
  call->tailLog = request.tailLog && request.type == InvocationType::RequestResponse;

  InvokeResult accepted;
  accepted.executedVersion = call->version;
  accepted.requestId = call->requestId;
  switch (request.type) {
    case InvocationType::DryRun:
      accepted.statusCode = 204;  // permission and parameter check only: nothing runs
      return done(std::move(accepted));
    case InvocationType::Event:
      // Queued, then run on the simulation like any other event; the answer goes nowhere.
      accepted.statusCode = 202;
      finishLater(0, [this, call] { run(call, [](InvokeOutcome) {}); });
      return done(std::move(accepted));
    case InvocationType::RequestResponse:
      return run(std::move(call), std::move(done));
  }
}

void Invoker::run(std::shared_ptr<Call> call, InvokeCallback done) {
  if (state_.writeLog) {
    done = [&state = state_, call, start = state_.sim.now(),
            done = std::move(done)](InvokeOutcome outcome) {
      if (const auto* result = std::get_if<InvokeResult>(&outcome))
        writeInvocationLog(state, *call, start, *result);
      done(std::move(outcome));
    };
  }
  if (core::TraceSink* trace = state_.sim.trace()) {
    trace->record(state_.sim.now(), "lambda", call->functionName + " invoked with " + call->payload);
    done = [trace, &sim = state_.sim, name = call->functionName, done = std::move(done)](InvokeOutcome outcome) {
      if (const auto* error = std::get_if<core::AwsError>(&outcome))
        trace->record(sim.now(), "lambda", name + " Invoke failed: " + error->code + ": " + error->message);
      else if (const auto& result = std::get<InvokeResult>(outcome); result.functionError)
        trace->record(sim.now(), "lambda", name + " raised " + result.payload);
      else
        trace->record(sim.now(), "lambda", name + " returned " + result.payload);
      done(std::move(outcome));
    };
  }
  // Every invocation counts, scripted or not; past the script the handler runs.
  if (std::optional<ScriptedResponse> scripted = scripts_.next(call->functionName))
    return runScripted(std::move(call), *scripted, std::move(done));
  const std::string& handler = call->config.handler;
  if (isFake(handler)) {
    std::string_view name = std::string_view(handler).substr(kFakeHandlerPrefix.size());
    if (!state_.builtins || !state_.builtins->has(name))
      return done(lambdaError("ServiceException", 500,
                              "The built-in handler '" + handler + "' is not available"));
    HandlerResult r = state_.builtins->run(name, call->event, call->config.role);
    // A fake prints nothing of its own; its log says what it did, as a handler's print would.
    if (r.failed)
      return done(call->result(true, functionErrorDocument(r.errorType, r.errorMessage),
                               handler + " failed: " + r.errorType + ": " + r.errorMessage, 0));
    std::string text = core::serializeJson(r.value);
    InvokeResult result = call->result(false, text, handler + " returned " + text, 0);
    result.value = std::move(r.value);
    return done(std::move(result));
  }
  runReal(std::move(call), std::move(done));
}

void Invoker::runScripted(std::shared_ptr<Call> call, const ScriptedResponse& response,
                          InvokeCallback done) {
  core::TimeMs timeoutMs = static_cast<core::TimeMs>(call->config.timeout) * 1000;
  if (response.durationMs > timeoutMs && !response.asServiceError())
    return finishLater(timeoutMs, [call, done = std::move(done)] { done(call->timedOut()); });

  InvokeOutcome outcome = InvokeResult{};
  if (const ScriptedServiceError* error = response.asServiceError()) {
    outcome = scriptedServiceError(*error, call->functionName, scripts_.invocations(call->functionName) - 1);
  } else if (const ScriptedThrow* thrown = response.asThrow()) {
    std::optional<std::string_view> message;
    if (thrown->cause) message = *thrown->cause;
    outcome = call->result(true, functionErrorDocument(thrown->error, message), "",
                           static_cast<double>(response.durationMs));
  } else {
    InvokeResult returned = call->result(false, core::serializeJson(response.asReturn()->value), "",
                                         static_cast<double>(response.durationMs));
    returned.value = response.asReturn()->value;
    outcome = std::move(returned);
  }
  if (response.durationMs == 0) return done(std::move(outcome));
  finishLater(response.durationMs, [done = std::move(done), outcome = std::move(outcome)]() mutable {
    done(std::move(outcome));
  });
}

void Invoker::runReal(std::shared_ptr<Call> call, InvokeCallback done) {
  const std::string& runtime = call->config.runtime;
  if (!WorkerPool::supports(runtime))
    return done(lambdaError("InvalidRuntimeException", 502,
                            "The runtime " + (runtime.empty() ? "(none)" : runtime) + " of " +
                                call->functionName +
                                " is not supported by stepsim: use python3.x, nodejs*.x, "
                                "provided.al2/al2023 or a fake:<name> handler"));
  if (!host_)
    return done(lambdaError("ServiceException", 500,
                            "Function " + call->functionName +
                                " runs real code, which needs the stepsim server (stepsim serve)"));
  if (!pool_)
    pool_ =
        std::make_unique<WorkerPool>(*host_, state_.sim.config().region, state_.issueCredentials);

  RealInvocation invocation{
      call->functionName,  call->version,
      call->config,        call->invokedArn,
      call->requestId,     call->payload,
      call->clientContext, logStreamOf(state_, call->functionName, call->version)};
  // Until the process answers, auto mode must not jump time past it.
  core::Simulation& sim = state_.sim;
  sim.beginOutsideWait();
  pool_->run(std::move(invocation), [&sim, call, done = std::move(done)](RealOutcome outcome) {
    sim.endOutsideWait();
    if (auto* error = std::get_if<core::AwsError>(&outcome)) return done(std::move(*error));
    auto& r = std::get<RealResult>(outcome);
    done(call->result(r.failed, std::move(r.payload), r.output, r.durationMs, r.initDurationMs));
  });
}

bool Invoker::ownsRuntimeChannel(std::uint64_t channel) const {
  return pool_ && pool_->ownsChannel(channel);
}

void Invoker::handleRuntimeRequest(std::uint64_t channel, const protocol::HttpRequest& request,
                                   RuntimeReply reply) {
  if (pool_) pool_->handleRuntimeRequest(channel, request, std::move(reply));
}

}  // namespace stepsim::lambda
