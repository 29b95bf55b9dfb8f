// The Invoke path without a server: built-in handlers, scripts, virtual durations and timeouts,
// invocation types, qualifiers and request checks.
#include <optional>

#include "emulator/core/base64.h"
#include "lambda_fixture.h"

namespace stepsim::lambda::test {
namespace {

InvokeRequest request(const std::string& name, const std::string& payload = "{}") {
  InvokeRequest r;
  r.functionName = name;
  r.payload = payload;
  return r;
}

// Invokes and returns the outcome if it arrived before invoke() returned.
std::optional<InvokeOutcome> invokeNow(Fixture& f, const InvokeRequest& r) {
  std::optional<InvokeOutcome> outcome;
  f.lambda.invoke(r, [&](InvokeOutcome o) { outcome = std::move(o); });
  return outcome;
}

InvokeResult result(const std::optional<InvokeOutcome>& outcome) {
  REQUIRE(outcome);
  REQUIRE(std::holds_alternative<InvokeResult>(*outcome));
  return std::get<InvokeResult>(*outcome);
}

core::AwsError requestError(Fixture& f, const InvokeRequest& r) {
  try {
    f.lambda.invoke(r, [](InvokeOutcome) { FAIL("the callback must not run"); });
  } catch (const core::AwsError& e) {
    return e;
  }
  FAIL("expected a request error");
  throw;
}

void script(Fixture& f, const std::string& name, const json& responses) {
  f.lambda.scripts().install(
      parseScriptedResponses({{"functionName", name}, {"responses", responses}}));
}

TEST_CASE("a fake returns its value; a failing fake is an Unhandled function error",
          "[lambda][invoke]") {
  Fixture f;
  f.create("echo", {{"Handler", "fake:echo"}});
  f.create("fail", {{"Handler", "fake:fail"}});
  InvokeResult ok = result(invokeNow(f, request("echo", R"({"a":[1,2]})")));
  CHECK(ok.statusCode == 200);
  CHECK(json::parse(ok.payload) == json{{"a", {1, 2}}});
  CHECK_FALSE(ok.functionError);
  CHECK(ok.executedVersion == "$LATEST");
  CHECK_FALSE(ok.logResult);
  // The handler learns the function's role: its calls are checked against it.
  CHECK(f.handlers.lastRole == kRole);

  auto failed = invokeNow(f, request("fail"));
  InvokeResult error = result(failed);
  CHECK(error.statusCode == 200);
  CHECK(error.functionError == "Unhandled");
  json doc = json::parse(error.payload);
  CHECK(doc["errorType"] == "TestError");
  CHECK(doc["errorMessage"] == "failed on purpose");
  CHECK(doc["stackTrace"].is_array());
}

TEST_CASE("Tail returns START, END and REPORT for the request id", "[lambda][invoke]") {
  Fixture f;
  f.create("echo", {{"Handler", "fake:echo"}});
  InvokeRequest r = request("echo");
  r.tailLog = true;
  r.requestId = "11111111-2222-3333-4444-555555555555";
  InvokeResult out = result(invokeNow(f, r));
  REQUIRE(out.logResult);
  std::string log = *core::decodeBase64(*out.logResult);
  CHECK(log.rfind("START RequestId: 11111111-2222-3333-4444-555555555555 Version: $LATEST\n", 0) == 0);
  CHECK(log.find("END RequestId: 11111111-2222-3333-4444-555555555555\n") != std::string::npos);
  CHECK(log.find("REPORT RequestId: 11111111-2222-3333-4444-555555555555\tDuration: 0.00 ms") !=
        std::string::npos);
  CHECK(out.requestId == r.requestId);
}

TEST_CASE("unknown fakes are refused at create and update, naming the fakes there are",
          "[lambda][invoke]") {
  Fixture f;
  auto e = f.error("CreateFunction", {{"FunctionName", "x"},
                                      {"Runtime", "python3.12"},
                                      {"Role", kRole},
                                      {"Handler", "fake:nope"},
                                      {"Code", {{"ZipFile", core::encodeBase64(handlerZip())}}}});
  CHECK(e.code == "InvalidParameterValueException");
  CHECK(e.message.find("fake:echo, fake:fail") != std::string::npos);
  f.create("fn");
  CHECK(f.error("UpdateFunctionConfiguration", {{"FunctionName", "fn"}, {"Handler", "fake:zzz"}})
            .code == "InvalidParameterValueException");
}

TEST_CASE("scripts answer by invocation number, then the handler runs", "[lambda][invoke]") {
  Fixture f;
  f.create("fn", {{"Handler", "fake:echo"}});
  script(f, "fn", {{"0", {{"Return", "A"}}},
                   {"1-2", {{"Return", "B"}}},
                   {"3", {{"Throw", {{"Error", "Boom"}, {"Cause", "it broke"}}}}}});
  std::vector<std::string> payloads;
  for (int i = 0; i < 5; ++i) payloads.push_back(result(invokeNow(f, request("fn", "7"))).payload);
  CHECK(payloads == std::vector<std::string>{R"("A")", R"("B")", R"("B")",
                                             R"({"errorMessage":"it broke","errorType":"Boom","stackTrace":[]})",
                                             "7"});
  CHECK(f.handlers.runs == 1);
  CHECK(f.lambda.scripts().invocations("fn") == 5);
}

TEST_CASE("a scripted ServiceError fails the Invoke call itself", "[lambda][invoke]") {
  Fixture f;
  f.create("fn", {{"Handler", "fake:echo"}});
  script(f, "fn", {{"0", {{"ServiceError", "ResourceNotReadyException"}}}});
  auto outcome = invokeNow(f, request("fn"));
  REQUIRE(outcome);
  const auto& error = std::get<core::AwsError>(*outcome);
  CHECK(error.code == "ResourceNotReadyException");
  CHECK(error.httpStatus == 502);
}

TEST_CASE("scripted durations take virtual time; longer than Timeout is a timeout",
          "[lambda][invoke]") {
  Fixture f;
  f.create("fn", {{"Handler", "fake:echo"}, {"Timeout", 10}});
  script(f, "fn", {{"0", {{"Return", 1}, {"DurationSeconds", 4}}},
                   {"1", {{"Return", 2}, {"DurationSeconds", 60}}}});
  std::optional<InvokeOutcome> first, second;
  f.lambda.invoke(request("fn"), [&](InvokeOutcome o) { first = std::move(o); });
  f.lambda.invoke(request("fn"), [&](InvokeOutcome o) { second = std::move(o); });
  CHECK_FALSE(first);
  f.sim.advanceTo(f.sim.now() + 3999);
  CHECK_FALSE(first);
  f.sim.advanceTo(f.sim.now() + 1);
  CHECK(result(first).payload == "1");
  CHECK_FALSE(second);
  f.sim.advanceTo(f.sim.now() + 6000);  // 10 s after both started
  InvokeResult timedOut = result(second);
  CHECK(timedOut.functionError == "Unhandled");
  json doc = json::parse(timedOut.payload);
  CHECK(doc["errorType"] == "Sandbox.Timedout");
  CHECK(doc["errorMessage"].get<std::string>().find("Task timed out after 10.00 seconds") !=
        std::string::npos);
}

TEST_CASE("Event runs later on the simulation; DryRun runs nothing", "[lambda][invoke]") {
  Fixture f;
  f.create("fn", {{"Handler", "fake:echo"}});
  InvokeRequest event = request("fn");
  event.type = InvocationType::Event;
  CHECK(result(invokeNow(f, event)).statusCode == 202);
  CHECK(f.handlers.runs == 0);
  f.sim.runDue();
  CHECK(f.handlers.runs == 1);

  InvokeRequest dry = request("fn");
  dry.type = InvocationType::DryRun;
  CHECK(result(invokeNow(f, dry)).statusCode == 204);
  f.sim.runDue();
  CHECK(f.handlers.runs == 1);
  CHECK(f.lambda.scripts().invocations("fn") == 1);
}

TEST_CASE("qualifiers select versions and aliases", "[lambda][invoke]") {
  Fixture f;
  f.create("fn", {{"Handler", "fake:echo"}, {"Publish", true}});
  f.call("CreateAlias", {{"FunctionName", "fn"}, {"Name", "live"}, {"FunctionVersion", "1"}});
  CHECK(result(invokeNow(f, request("fn:1"))).executedVersion == "1");
  CHECK(result(invokeNow(f, request("fn:live"))).executedVersion == "1");
  InvokeRequest q = request(std::string(kArnPrefix) + "fn");
  q.qualifier = "live";
  CHECK(result(invokeNow(f, q)).executedVersion == "1");
  CHECK(requestError(f, request("fn:9")).code == "ResourceNotFoundException");
  CHECK(requestError(f, request("nope")).httpStatus == 404);
  q.qualifier = "1";  // disagrees with nothing: the ARN has no qualifier
  CHECK(result(invokeNow(f, q)).executedVersion == "1");
}

TEST_CASE("payloads must be JSON and within the limits", "[lambda][invoke]") {
  Fixture f;
  f.create("fn", {{"Handler", "fake:echo"}});
  CHECK(requestError(f, request("fn", "{oops")).code == "InvalidRequestContentException");
  CHECK(requestError(f, request("fn", "1 2")).code == "InvalidRequestContentException");
  std::string big = "\"" + std::string(kMaxSyncPayloadBytes, 'x') + "\"";
  auto tooLarge = requestError(f, request("fn", big));
  CHECK(tooLarge.code == "RequestTooLargeException");
  CHECK(tooLarge.httpStatus == 413);
  InvokeRequest event = request("fn", "\"" + std::string(kMaxEventPayloadBytes, 'x') + "\"");
  event.type = InvocationType::Event;
  CHECK(requestError(f, event).code == "RequestTooLargeException");
  InvokeRequest context = request("fn");
  context.clientContext = "not base64!";
  CHECK(requestError(f, context).code == "InvalidRequestContentException");
  CHECK(result(invokeNow(f, request("fn", ""))).payload == "{}");
}

TEST_CASE("real code needs a process host and a supported runtime", "[lambda][invoke]") {
  Fixture f;
  f.create("py");
  f.create("rb", {{"Runtime", "ruby3.3"}});
  auto noHost = invokeNow(f, request("py"));
  REQUIRE(noHost);
  CHECK(std::get<core::AwsError>(*noHost).code == "ServiceException");
  auto ruby = invokeNow(f, request("rb"));
  REQUIRE(ruby);
  CHECK(std::get<core::AwsError>(*ruby).code == "InvalidRuntimeException");
}

}  // namespace
}  // namespace stepsim::lambda::test
