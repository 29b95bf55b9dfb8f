#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "emulator/core/aws_error.h"
#include "emulator/core/json.h"
#include "emulator/lambda/scripted_responses.h"

using json = stepsim::Json;
using namespace stepsim;
using namespace stepsim::lambda;

namespace {

json body(const json& responses, const json& name = "CheckJob") {
  return {{"functionName", name}, {"responses", responses}};
}

// The ValidationError message of a body that must be refused.
std::string refusal(const json& b) {
  try {
    parseScriptedResponses(b);
  } catch (const core::AwsError& e) {
    CHECK(e.code == "ValidationError");
    CHECK(e.httpStatus == 400);
    return e.message;
  }
  FAIL("expected a ValidationError for " << b.dump());
  return "";
}

// The issue's example: "0" and "1-2" return, "3" throws, the rest runs the handler.
json issueExample() {
  return body({{"0", {{"Return", {{"status", "SUBMITTED"}}}}},
               {"1-2", {{"Return", "RUNNING"}, {"DurationSeconds", 1.5}}},
               {"3", {{"Throw", {{"Error", "States.TaskFailed"}, {"Cause", "boom"}}}}}});
}

}  // namespace

TEST_CASE("the issue's example script plays out invocation by invocation", "[lambda][scripts]") {
  ScriptBook book;
  book.install(parseScriptedResponses(issueExample()));

  auto r0 = book.next("CheckJob");
  REQUIRE(r0);
  REQUIRE(r0->asReturn());
  CHECK(r0->asReturn()->value == json{{"status", "SUBMITTED"}});
  CHECK(r0->durationMs == 0);

  for (int i = 1; i <= 2; ++i) {
    auto r = book.next("CheckJob");
    REQUIRE(r);
    REQUIRE(r->asReturn());
    CHECK(r->asReturn()->value == "RUNNING");
    CHECK(r->durationMs == 1500);
  }

  auto r3 = book.next("CheckJob");
  REQUIRE(r3);
  REQUIRE(r3->asThrow());
  CHECK(r3->asThrow()->error == "States.TaskFailed");
  CHECK(r3->asThrow()->cause == std::optional<std::string>("boom"));
  CHECK_FALSE(r3->asReturn());
  CHECK_FALSE(r3->asServiceError());

  // The 5th invocation (number 4) and later run the function's own handler.
  CHECK_FALSE(book.next("CheckJob"));
  CHECK_FALSE(book.next("CheckJob"));
  CHECK(book.invocations("CheckJob") == 6);
}

TEST_CASE("a script parses into sorted entries and lists as given", "[lambda][scripts]") {
  auto script = parseScriptedResponses(
      body({{"10-12", {{"Return", 1}}}, {"2", {{"Return", 2}}}, {"0", {{"Return", nullptr}}}}));
  CHECK(script.functionName == "CheckJob");
  REQUIRE(script.entries.size() == 3);
  CHECK(script.entries[0].first == 0);
  CHECK(script.entries[1].first == 2);
  CHECK(script.entries[2].first == 10);
  CHECK(script.entries[2].last == 12);
  CHECK(script.entries[2].key == "10-12");
  CHECK(script.find(0)->asReturn()->value.is_null());  // Return null is a value like any other
  CHECK(script.find(1) == nullptr);
  CHECK(script.find(11)->asReturn()->value == 1);
  CHECK(script.find(13) == nullptr);
  CHECK(script.toJson() ==
        json{{"functionName", "CheckJob"},
             {"responses",
              {{"0", {{"Return", nullptr}}}, {"2", {{"Return", 2}}}, {"10-12", {{"Return", 1}}}}}});
}

TEST_CASE("a Throw without a Cause and the highest invocation number", "[lambda][scripts]") {
  auto script = parseScriptedResponses(
      body({{"1000000000", {{"Throw", {{"Error", "E"}}}}}, {"5-999999999", {{"Return", 0}}}}));
  const auto* r = script.find(kMaxScriptedInvocation);
  REQUIRE(r);
  REQUIRE(r->asThrow());
  CHECK(r->asThrow()->error == "E");
  CHECK_FALSE(r->asThrow()->cause);
  CHECK(script.find(999999999)->asReturn());
}

TEST_CASE("functionName may be a name or an unqualified ARN", "[lambda][scripts]") {
  json r = {{"0", {{"Return", 1}}}};
  CHECK(parseScriptedResponses(body(r, "Check_Job-2")).functionName == "Check_Job-2");
  CHECK(parseScriptedResponses(body(r, "123456789012:function:CheckJob")).functionName ==
        "CheckJob");
  CHECK(parseScriptedResponses(body(r, "arn:aws:lambda:us-east-1:123456789012:function:CheckJob"))
            .functionName == "CheckJob");

  for (const char* bad : {"", "Check Job", "CheckJob:1", "CheckJob:$LATEST",
                          "arn:aws:lambda:us-east-1:123456789012:function:CheckJob:prod",
                          "arn:aws:s3:us-east-1:123456789012:function:CheckJob",
                          "12345:function:CheckJob", "a:b:c:d:e", "::"}) {
    INFO(bad);
    CHECK(refusal(body(r, bad)).rfind("functionName: ", 0) == 0);
  }
  CHECK(refusal(body(r, std::string(65, 'a'))).rfind("functionName: ", 0) == 0);
  CHECK(refusal(body(r, std::string(257, 'a'))) == "functionName: must be 1-256 characters");
  CHECK(refusal(body(r, "CheckJob:1")).find("without a version or alias") != std::string::npos);
}

TEST_CASE("every scripted-responses error names its field", "[lambda][scripts]") {
  struct Case {
    json body;
    std::string field;
  };
  json ok = {{"Return", 1}};
  std::vector<Case> cases = {
      {json::array(), "body"},
      {"text", "body"},
      {{{"responses", {{"0", ok}}}}, "functionName"},
      {{{"functionName", nullptr}, {"responses", {{"0", ok}}}}, "functionName"},
      {{{"functionName", 7}, {"responses", {{"0", ok}}}}, "functionName"},
      {{{"functionName", "F"}, {"responses", {{"0", ok}}}, {"colour", 1}}, "colour"},
      {{{"functionName", "F"}}, "responses"},
      {body(json::array()), "responses"},
      {body(json::object()), "responses"},
      {body("0"), "responses"},
      // keys
      {body({{"", ok}}), "responses[\"\"]"},
      {body({{"-1", ok}}), "responses[\"-1\"]"},
      {body({{"+1", ok}}), "responses[\"+1\"]"},
      {body({{"01", ok}}), "responses[\"01\"]"},
      {body({{" 1", ok}}), "responses[\" 1\"]"},
      {body({{"1.5", ok}}), "responses[\"1.5\"]"},
      {body({{"x", ok}}), "responses[\"x\"]"},
      {body({{"1-", ok}}), "responses[\"1-\"]"},
      {body({{"-", ok}}), "responses[\"-\"]"},
      {body({{"1-2-3", ok}}), "responses[\"1-2-3\"]"},
      {body({{"1000000001", ok}}), "responses[\"1000000001\"]"},
      {body({{"0-99999999999", ok}}), "responses[\"0-99999999999\"]"},
      {body({{"2-1", ok}}), "responses[\"2-1\"]"},
      // responses
      {body({{"0", 1}}), "responses[\"0\"]"},
      {body({{"0", json::object()}}), "responses[\"0\"]"},
      {body({{"0", {{"Return", 1}, {"Throw", {{"Error", "E"}}}}}}), "responses[\"0\"]"},
      {body({{"0", {{"Return", 1}, {"ServiceError", "ServiceException"}}}}), "responses[\"0\"]"},
      {body({{"0", {{"Return", 1}, {"Colour", 1}}}}), "responses[\"0\"].Colour"},
      {body({{"0", {{"DurationSeconds", 1}}}}), "responses[\"0\"]"},
      {body({{"1-2", {{"Throw", "E"}}}}), "responses[\"1-2\"].Throw"},
      {body({{"1-2", {{"Throw", json::object()}}}}), "responses[\"1-2\"].Throw.Error"},
      {body({{"1-2", {{"Throw", {{"Error", 5}}}}}}), "responses[\"1-2\"].Throw.Error"},
      {body({{"1-2", {{"Throw", {{"Error", ""}}}}}}), "responses[\"1-2\"].Throw.Error"},
      {body({{"1-2", {{"Throw", {{"Error", std::string(257, 'e')}}}}}}),
       "responses[\"1-2\"].Throw.Error"},
      {body({{"1-2", {{"Throw", {{"Error", "E"}, {"Cause", 5}}}}}}),
       "responses[\"1-2\"].Throw.Cause"},
      {body({{"1-2", {{"Throw", {{"Error", "E"}, {"Cause", std::string(32769, 'c')}}}}}}),
       "responses[\"1-2\"].Throw.Cause"},
      {body({{"1-2", {{"Throw", {{"Error", "E"}, {"Detail", "d"}}}}}}),
       "responses[\"1-2\"].Throw.Detail"},
      {body({{"3", {{"ServiceError", 500}}}}), "responses[\"3\"].ServiceError"},
      {body({{"3", {{"ServiceError", "Boom"}}}}), "responses[\"3\"].ServiceError"},
      {body({{"3", {{"ServiceError", "InvalidRequestContentException"}}}}),
       "responses[\"3\"].ServiceError"},
      {body({{"3", {{"Return", 1}, {"DurationSeconds", -1}}}}), "responses[\"3\"].DurationSeconds"},
      {body({{"3", {{"Return", 1}, {"DurationSeconds", 900.001}}}}),
       "responses[\"3\"].DurationSeconds"},
      {body({{"3", {{"Return", 1}, {"DurationSeconds", "5"}}}}),
       "responses[\"3\"].DurationSeconds"},
      {body({{"3", {{"Return", 1}, {"DurationSeconds", true}}}}),
       "responses[\"3\"].DurationSeconds"},
      {body({{"3", {{"Return", 1}, {"DurationSeconds", nullptr}}}}),
       "responses[\"3\"].DurationSeconds"},
  };
  for (const auto& c : cases) {
    INFO(c.body.dump());
    std::string message = refusal(c.body);
    CHECK(message.rfind(c.field + ": ", 0) == 0);
    CHECK(message.size() < 2000);
  }
}

TEST_CASE("a backwards range says so", "[lambda][scripts]") {
  CHECK(refusal(body({{"2-1", {{"Return", 1}}}})) ==
        "responses[\"2-1\"]: a range must not run backwards: 2 is after 1");
  // "1-1" is a one-invocation range.
  auto script = parseScriptedResponses(body({{"1-1", {{"Return", 1}}}}));
  CHECK(script.find(1));
  CHECK_FALSE(script.find(0));
  CHECK_FALSE(script.find(2));
}

TEST_CASE("overlapping keys are refused, naming both", "[lambda][scripts]") {
  json r = {{"Return", 1}};
  std::string m = refusal(body({{"0-5", r}, {"5", r}}));
  CHECK(m.rfind("responses[\"5\"]: overlaps responses[\"0-5\"]", 0) == 0);
  CHECK(refusal(body({{"3-4", r}, {"1-3", r}})).rfind("responses[\"3-4\"]: overlaps", 0) == 0);
  CHECK(refusal(body({{"2-8", r}, {"4-5", r}})).rfind("responses[\"4-5\"]: overlaps", 0) == 0);
  // Adjacent ranges do not overlap.
  auto script = parseScriptedResponses(body({{"0-1", r}, {"2-3", r}, {"4", r}}));
  CHECK(script.entries.size() == 3);
}

TEST_CASE("an unknown ServiceError lists the allowed codes", "[lambda][scripts]") {
  std::string m = refusal(body({{"0", {{"ServiceError", "Teapot"}}}}));
  CHECK(m.find("\"Teapot\"") != std::string::npos);
  for (const auto& code : serviceErrorCodes()) CHECK(m.find(code) != std::string::npos);
}

TEST_CASE("ServiceError codes carry the statuses of the Lambda Invoke model", "[lambda][scripts]") {
  std::vector<std::pair<std::string, int>> expected = {
      {"TooManyRequestsException", 429},  {"ServiceException", 500},
      {"ResourceNotReadyException", 502}, {"EC2ThrottledException", 502},
      {"ENILimitReachedException", 502},  {"SubnetIPAddressLimitReachedException", 502},
      {"ResourceConflictException", 409}, {"ResourceNotFoundException", 404},
      {"EFSMountTimeoutException", 408},  {"KMSAccessDeniedException", 502},
  };
  for (const auto& [code, status] : expected) {
    INFO(code);
    CHECK(serviceErrorStatus(code) == status);
    auto script = parseScriptedResponses(body({{"0", {{"ServiceError", code}}}}));
    const auto* error = script.find(0)->asServiceError();
    REQUIRE(error);
    CHECK(error->code == code);
    CHECK(error->httpStatus == status);
  }
  // Request-shape errors are the Invoke path's own business, not a broken service's.
  CHECK_FALSE(serviceErrorStatus("InvalidRequestContentException"));
  CHECK_FALSE(serviceErrorStatus("RequestTooLargeException"));
  CHECK_FALSE(serviceErrorStatus("servicexception"));

  auto codes = serviceErrorCodes();
  CHECK(std::is_sorted(codes.begin(), codes.end()));
  CHECK(std::adjacent_find(codes.begin(), codes.end()) == codes.end());
  for (const auto& code : codes) CHECK(serviceErrorStatus(code));

  core::AwsError throttled = scriptedServiceError({"TooManyRequestsException", 429}, "CheckJob", 3);
  CHECK(throttled.code == "TooManyRequestsException");
  CHECK(throttled.httpStatus == 429);
  CHECK(throttled.message.find("CheckJob") != std::string::npos);
  CHECK(throttled.extraMembers["Type"] == "User");
  core::AwsError broken = scriptedServiceError({"ServiceException", 500}, "CheckJob", 0);
  CHECK(broken.httpStatus == 500);
  CHECK(broken.extraMembers["Type"] == "Service");
}

TEST_CASE("DurationSeconds from 0 to 900, on any kind of response", "[lambda][scripts]") {
  auto script = parseScriptedResponses(
      body({{"0", {{"Return", 1}, {"DurationSeconds", 0}}},
            {"1", {{"Throw", {{"Error", "E"}}}, {"DurationSeconds", 900}}},
            {"2", {{"ServiceError", "ServiceException"}, {"DurationSeconds", 0.0004}}},
            {"3", {{"Return", 1}, {"DurationSeconds", 2.5}}},
            {"4", {{"Return", 1}}}}));
  CHECK(script.find(0)->durationMs == 0);
  CHECK(script.find(1)->durationMs == 900000);
  CHECK(script.find(2)->durationMs == 0);  // rounded to the millisecond
  CHECK(script.find(3)->durationMs == 2500);
  CHECK(script.find(4)->durationMs == 0);
  CHECK(script.find(1)->source == json{{"Throw", {{"Error", "E"}}}, {"DurationSeconds", 900}});
}

TEST_CASE("counters count every invocation, scripted or not", "[lambda][scripts]") {
  ScriptBook book;
  CHECK(book.invocations("Other") == 0);
  CHECK_FALSE(book.next("Other"));
  CHECK_FALSE(book.next("Other"));
  CHECK(book.invocations("Other") == 2);

  // A script whose first key is 2: invocations 0 and 1 run the handler but are still counted.
  book.install(parseScriptedResponses(body({{"2", {{"Return", "two"}}}})));
  CHECK_FALSE(book.next("CheckJob"));
  CHECK_FALSE(book.next("CheckJob"));
  auto r = book.next("CheckJob");
  REQUIRE(r);
  CHECK(r->asReturn()->value == "two");
  CHECK_FALSE(book.next("CheckJob"));
  CHECK(book.invocations("CheckJob") == 4);
  CHECK(book.invocations("Other") == 2);  // counters are per function

  CHECK(book.list() == json{{"functions",
                             {{{"functionName", "CheckJob"},
                               {"invocations", 4},
                               {"responses", {{"2", {{"Return", "two"}}}}}},
                              {{"functionName", "Other"}, {"invocations", 2}}}}});
}

TEST_CASE("installing replaces that function's script and restarts its count",
          "[lambda][scripts]") {
  ScriptBook book;
  book.install(
      parseScriptedResponses(body({{"0-9", {{"Return", "old"}}}, {"20", {{"Return", 20}}}})));
  book.install(parseScriptedResponses(body({{"1", {{"Return", "a"}}}}, "Other")));
  CHECK(book.next("CheckJob")->asReturn()->value == "old");
  CHECK(book.next("CheckJob")->asReturn()->value == "old");
  CHECK(book.next("Other") == std::nullopt);

  book.install(parseScriptedResponses(body({{"1", {{"Throw", {{"Error", "New"}}}}}})));
  CHECK(book.invocations("CheckJob") == 0);
  CHECK_FALSE(book.next("CheckJob"));  // number 0: nothing scripted any more (not merged)
  auto r = book.next("CheckJob");
  REQUIRE(r);
  CHECK(r->asThrow()->error == "New");
  for (int i = 2; i <= 25; ++i) CHECK_FALSE(book.next("CheckJob"));  // "20" was dropped too

  // The other function's script and count are untouched.
  CHECK(book.invocations("Other") == 1);
  CHECK(book.next("Other")->asReturn()->value == "a");
  CHECK(book.list()["functions"].size() == 2);
}

TEST_CASE("clear drops every script and every counter", "[lambda][scripts]") {
  ScriptBook book;
  book.install(parseScriptedResponses(issueExample()));
  book.next("CheckJob");
  book.next("Unscripted");
  book.clear();
  CHECK(book.invocations("CheckJob") == 0);
  CHECK(book.invocations("Unscripted") == 0);
  CHECK(book.list() == json{{"functions", json::array()}});
  for (int i = 0; i < 5; ++i) CHECK_FALSE(book.next("CheckJob"));
  CHECK(book.invocations("CheckJob") == 5);

  // Installed again after a clear, the script starts from invocation 0.
  book.install(parseScriptedResponses(issueExample()));
  CHECK(book.next("CheckJob")->asReturn()->value == json{{"status", "SUBMITTED"}});
}

TEST_CASE("list is in function-name order", "[lambda][scripts]") {
  ScriptBook book;
  for (const char* name : {"b", "C", "a", "B"})
    book.install(parseScriptedResponses(body({{"0", {{"Return", name}}}}, name)));
  book.next("0-counted");
  json listed = book.list();
  std::vector<std::string> names;
  for (const auto& f : listed["functions"]) names.push_back(f["functionName"]);
  CHECK(names == std::vector<std::string>{"0-counted", "B", "C", "a", "b"});
}
