#include <catch2/catch.hpp>

#include "emulator/protocol/aws_json.h"
#include "tests/unit/protocol/toy_model.h"

using namespace stepsim::protocol;
namespace core = stepsim::core;
using namespace stepsim::protocol::test;
using json = stepsim::Json;

namespace {

const char* const kSmArn = "arn:aws:states:us-east-1:123456789012:stateMachine:sm";
const char* const kExecArn = "arn:aws:states:us-east-1:123456789012:execution:sm:run-1";

AwsJsonService sfn() {
  return {&serviceModel("stepfunctions"), "AWSStepFunctions", "SerializationException",
          "ValidationException"};
}

// A Step Functions request as botocore sends it.
HttpRequest sfnRequest(std::string_view operation, std::string body) {
  return request("POST", "/", std::move(body),
                 {{"Content-Type", "application/x-amz-json-1.0"},
                  {"X-Amz-Target", "AWSStepFunctions." + std::string(operation)}});
}

DecodedRequest decodeSfn(std::string_view operation, const json& body) {
  return decodeAwsJson(sfn(), sfnRequest(operation, body.dump()));
}

core::AwsError sfnError(std::string_view operation, const json& body) {
  return awsErrorFrom([&] { decodeSfn(operation, body); });
}

core::AwsError rawError(HttpRequest r) {
  return awsErrorFrom([&] { decodeAwsJson(sfn(), r); });
}

}  // namespace

TEST_CASE("the embedded Step Functions model is awsJson 1.0 and finds every operation by name") {
  const ServiceModel& model = serviceModel("stepfunctions");
  CHECK(model.protocol() == "json");
  CHECK(model.jsonVersion() == "1.0");
  CHECK(model.targetPrefix() == "AWSStepFunctions");
  CHECK(model.signingName() == "states");
  REQUIRE(model.operations().size() >= 37);
  for (const auto& op : model.operations()) {
    INFO(op->name);
    CHECK(model.findOperation(op->name) == op.get());
    CHECK(op->input != nullptr);
    // Routing by target reaches the operation: `{}` either decodes or fails its own validation.
    std::string outcome;
    try {
      outcome = decodeSfn(op->name, json::object()).operation;
    } catch (const core::AwsError& e) {
      outcome = e.code;
    }
    CHECK((outcome == op->name || outcome == "ValidationException"));
  }
  for (const char* name :
       {"CreateStateMachine", "StartExecution", "DescribeExecution", "GetExecutionHistory",
        "ListExecutions", "StopExecution", "SendTaskSuccess", "StartSyncExecution", "TestState"})
    CHECK(model.findOperation(name) != nullptr);
}

TEST_CASE("StartExecution decodes the body as the input; unknown members are ignored") {
  json body = {{"stateMachineArn", kSmArn},
               {"name", "run-1"},
               {"input", R"({"wait_time":60})"},
               {"somethingNew", {1, 2}}};
  DecodedRequest d = decodeSfn("StartExecution", body);
  CHECK(d.operation == "StartExecution");
  CHECK(d.input == body);
  CHECK_FALSE(d.payload.has_value());
}

TEST_CASE("CreateStateMachine decodes nested members and checks their constraints") {
  json body = {{"name", "poller"},
               {"definition", R"({"StartAt":"A","States":{"A":{"Type":"Succeed"}}})"},
               {"roleArn", "arn:aws:iam::123456789012:role/r"},
               {"type", "STANDARD"},
               {"tags", {{{"key", "team"}, {"value", "x"}}}},
               {"loggingConfiguration", {{"level", "OFF"}}}};
  CHECK(decodeSfn("CreateStateMachine", body).input == body);

  json badType = body;
  badType["type"] = "FAST";
  core::AwsError e = sfnError("CreateStateMachine", badType);
  CHECK(e.code == "ValidationException");
  CHECK(e.message ==
        "1 validation error detected: Value 'FAST' at 'type' failed to satisfy constraint: Member "
        "must satisfy enum value set: [STANDARD, EXPRESS]");

  json longKey = body;
  longKey["tags"][0]["key"] = std::string(129, 'k');
  CHECK_THAT(sfnError("CreateStateMachine", longKey).message,
             Catch::Contains("at 'tags.1.member.key'") &&
                 Catch::Contains("Member must have length less than or equal to 128"));

  json noRole = body;
  noRole.erase("roleArn");
  CHECK(sfnError("CreateStateMachine", noRole).message ==
        "1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must "
        "not be null");
}

TEST_CASE("ListExecutions: maxResults range, statusFilter enum, wrong JSON types") {
  CHECK(decodeSfn("ListExecutions", {{"stateMachineArn", kSmArn}, {"maxResults", 0}})
            .input["maxResults"] == 0);
  CHECK(
      decodeSfn("ListExecutions", {{"maxResults", 1000}, {"statusFilter", "RUNNING"}}).operation ==
      "ListExecutions");

  core::AwsError high = sfnError("ListExecutions", {{"maxResults", 1001}});
  CHECK(high.code == "ValidationException");
  CHECK(high.httpStatus == 400);
  CHECK(high.message ==
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 1000");
  CHECK(sfnError("ListExecutions", {{"maxResults", -1}}).code == "ValidationException");

  core::AwsError status = sfnError("ListExecutions", {{"statusFilter", "DONE"}});
  CHECK(status.code == "ValidationException");
  CHECK_THAT(status.message, Catch::Contains("Value 'DONE' at 'statusFilter'") &&
                                 Catch::Contains("[RUNNING, SUCCEEDED, FAILED, TIMED_OUT, "
                                                 "ABORTED, PENDING_REDRIVE]"));

  // A value of the wrong JSON type cannot be deserialized at all, as in real Step Functions.
  core::AwsError text = sfnError("ListExecutions", {{"maxResults", "10"}});
  CHECK(text.code == "SerializationException");
  CHECK(text.httpStatus == 400);
  CHECK_THAT(text.message, Catch::Contains("'maxResults'"));
  CHECK(sfnError("ListExecutions", {{"maxResults", 1.5}}).code == "SerializationException");
  CHECK(sfnError("ListExecutions", {{"statusFilter", 3}}).code == "SerializationException");
}

TEST_CASE("GetExecutionHistory takes reverseOrder as a JSON boolean only") {
  DecodedRequest d = decodeSfn(
      "GetExecutionHistory",
      {{"executionArn", kExecArn}, {"reverseOrder", true}, {"includeExecutionData", false}});
  CHECK(d.input["reverseOrder"] == true);
  CHECK(sfnError("GetExecutionHistory", {{"executionArn", kExecArn}, {"reverseOrder", "true"}})
            .code == "SerializationException");
}

TEST_CASE("SendTaskSuccess requires taskToken and output") {
  json ok = {{"taskToken", "tok"}, {"output", R"({"done":true})"}};
  CHECK(decodeSfn("SendTaskSuccess", ok).input == ok);
  core::AwsError e = sfnError("SendTaskSuccess", {{"taskToken", "tok"}});
  CHECK(e.code == "ValidationException");
  CHECK(e.message ==
        "1 validation error detected: Value at 'output' failed to satisfy constraint: Member must "
        "not be null");
  CHECK(sfnError("SendTaskSuccess", {{"taskToken", ""}, {"output", "{}"}}).code ==
        "ValidationException");
  CHECK(sfnError("SendTaskSuccess", {{"taskToken", "tok"}, {"output", nullptr}}).code ==
        "ValidationException");
}

TEST_CASE("StartExecution name is 1 to 80 characters, counted in code points") {
  CHECK_NOTHROW(
      decodeSfn("StartExecution", {{"stateMachineArn", kSmArn}, {"name", std::string(80, 'n')}}));
  std::string accented;
  for (int i = 0; i < 80; ++i) accented += "\xC3\xA9";  // é: 2 bytes, 1 character
  CHECK_NOTHROW(decodeSfn("StartExecution", {{"stateMachineArn", kSmArn}, {"name", accented}}));
  core::AwsError e =
      sfnError("StartExecution", {{"stateMachineArn", kSmArn}, {"name", std::string(81, 'n')}});
  CHECK(e.code == "ValidationException");
  CHECK_THAT(e.message, Catch::Contains("at 'name' failed to satisfy constraint: Member must have "
                                        "length less than or equal to 80"));
  CHECK(sfnError("StartExecution", {{"stateMachineArn", kSmArn}, {"name", ""}}).code ==
        "ValidationException");
}

TEST_CASE("modeled patterns are enforced (ClientToken, CharacterRestrictedName lookahead)") {
  CHECK_NOTHROW(
      decodeSfn("RedriveExecution", {{"executionArn", kExecArn}, {"clientToken", "t-1"}}));
  core::AwsError token =
      sfnError("RedriveExecution", {{"executionArn", kExecArn}, {"clientToken", "has space"}});
  CHECK(token.code == "ValidationException");
  CHECK_THAT(token.message,
             Catch::Contains("Member must satisfy regular expression pattern: [!-~]+"));

  json routing = {{{"stateMachineVersionArn", std::string(kSmArn) + ":1"}, {"weight", 100}}};
  CHECK_NOTHROW(
      decodeSfn("CreateStateMachineAlias", {{"name", "prod"}, {"routingConfiguration", routing}}));
  core::AwsError digits =
      sfnError("CreateStateMachineAlias", {{"name", "123"}, {"routingConfiguration", routing}});
  CHECK(digits.code == "ValidationException");
  CHECK_THAT(digits.message, Catch::Contains("Value '123' at 'name'"));
  routing[0]["weight"] = 101;
  CHECK_THAT(
      sfnError("CreateStateMachineAlias", {{"name", "prod"}, {"routingConfiguration", routing}})
          .message,
      Catch::Contains("Value '101' at 'routingConfiguration.1.member.weight'"));
}

TEST_CASE("the body must be a JSON object; an empty body is {}") {
  CHECK(decodeAwsJson(sfn(), sfnRequest("ListStateMachines", "")).input == json::object());
  CHECK(rawError(sfnRequest("StartExecution", "")).message ==
        "1 validation error detected: Value at 'stateMachineArn' failed to satisfy constraint: "
        "Member must not be null");
  for (const char* body : {"{\"stateMachineArn\":", "not json", "[]", "\"text\"", "42", "null"}) {
    INFO(body);
    core::AwsError e = rawError(sfnRequest("StartExecution", body));
    CHECK(e.code == "SerializationException");
    CHECK(e.httpStatus == 400);
  }
}

TEST_CASE("routing needs POST and X-Amz-Target <prefix>.<Operation>") {
  HttpRequest ok = sfnRequest("ListStateMachines", "{}");
  HttpRequest lower =
      request("POST", "/", "{}", {{"x-amz-target", "AWSStepFunctions.ListActivities"}});
  CHECK(decodeAwsJson(sfn(), lower).operation == "ListActivities");  // JS v3: lower-case names
  HttpRequest anyType = ok;
  anyType.headers = {{"X-Amz-Target", "AWSStepFunctions.ListStateMachines"},
                     {"Content-Type", "application/json"}};
  CHECK(decodeAwsJson(sfn(), anyType).operation == "ListStateMachines");  // lenient content type

  auto withTarget = [&](std::string target) {
    HttpRequest r = ok;
    r.headers = {{"X-Amz-Target", std::move(target)}};
    return rawError(r);
  };
  HttpRequest missing = ok;
  missing.headers.clear();
  core::AwsError noTarget = rawError(missing);
  CHECK(noTarget.code == "UnknownOperationException");
  CHECK(noTarget.httpStatus == 400);
  CHECK(withTarget("AWSStepFunctions.NoSuchOperation").code == "UnknownOperationException");
  CHECK(withTarget("AWSLambda.StartExecution").code == "UnknownOperationException");
  CHECK(withTarget("AWSStepFunctionsX.StartExecution").code == "UnknownOperationException");
  CHECK(withTarget("AWSStepFunctions").code == "UnknownOperationException");
  CHECK(withTarget("AWSStepFunctions.").code == "UnknownOperationException");
  CHECK(withTarget("StartExecution").code == "UnknownOperationException");
  CHECK_THAT(withTarget("AWSStepFunctions.NoSuchOperation").message,
             Catch::Contains("AWSStepFunctions.NoSuchOperation"));

  HttpRequest get = ok;
  get.method = "GET";
  core::AwsError wrongMethod = rawError(get);
  CHECK(wrongMethod.code == "UnknownOperationException");
  CHECK(wrongMethod.httpStatus == 400);
}

TEST_CASE("awsJson timestamps in input are epoch-second numbers") {
  const ServiceModel model(json::parse(R"({
    "metadata": {"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "Toy"},
    "operations": {"Since": {"name": "Since", "http": {"method": "POST", "requestUri": "/"},
                             "input": {"shape": "SinceInput"}}},
    "shapes": {"Timestamp": {"type": "timestamp"},
               "SinceInput": {"type": "structure", "members": {"after": {"shape": "Timestamp"}}}}
  })"));
  AwsJsonService toy{&model, "Toy", "SerializationException", "ValidationException"};
  HttpRequest r =
      request("POST", "/", R"({"after":1767225600.123})", {{"X-Amz-Target", "Toy.Since"}});
  CHECK(decodeAwsJson(toy, r).input["after"] == 1767225600.123);
  r.body = R"({"after":true})";
  CHECK(awsErrorFrom([&] { decodeAwsJson(toy, r); }).code == "SerializationException");
}

TEST_CASE("encodeAwsJson writes 200 x-amz-json-1.0 with the request id and numbers as given") {
  json output = {{"executionArn", kExecArn}, {"startDate", 1767225600.123}};
  HttpResponse r = encodeAwsJson(sfn(), "StartExecution", output, "rid-1");
  CHECK(r.status == 200);
  CHECK(r.header("Content-Type") == "application/x-amz-json-1.0");
  CHECK(r.header("x-amzn-RequestId") == "rid-1");
  CHECK(r.body ==
        std::string(R"({"executionArn":")") + kExecArn + R"(","startDate":1767225600.123})");
  CHECK(json::parse(r.body) == output);
  CHECK(encodeAwsJson(sfn(), "SendTaskSuccess", json::object(), "r").body == "{}");
  CHECK(encodeAwsJson(sfn(), "DeleteStateMachine", nullptr, "r").body == "{}");
  CHECK_NOTHROW(json::parse(encodeAwsJson(sfn(), "StartExecution", {{"name", "\xFF"}}, "r").body));
  CHECK_THROWS_AS(encodeAwsJson(sfn(), "NoSuchOp", json::object(), "r"), std::invalid_argument);
}

TEST_CASE("awsJson errors carry the bare code in __type and the text in message") {
  core::AwsError missing("ExecutionDoesNotExist", "Execution Does Not Exist: 'arn'", 400);
  // Status and x-amzn-RequestId are covered with the rest-json errors in test_encode.cpp.
  HttpResponse r = encodeError(missing, "rid-2", kAwsJsonContentType);
  CHECK(r.header("Content-Type") == "application/x-amz-json-1.0");
  CHECK(r.header("x-amzn-ErrorType") == "ExecutionDoesNotExist");  // botocore reads only __type
  CHECK(json::parse(r.body) ==
        json{{"__type", "ExecutionDoesNotExist"}, {"message", "Execution Does Not Exist: 'arn'"}});

  // A decode failure renders the same way, with modeled extra members kept.
  core::AwsError invalid = sfnError("StartExecution", json::object());
  invalid.extraMembers = {{"reason", "MISSING_REQUIRED_PARAMETER"}};
  json body = json::parse(encodeError(invalid, "r", kAwsJsonContentType).body);
  CHECK(body["__type"] == "ValidationException");
  CHECK(body["reason"] == "MISSING_REQUIRED_PARAMETER");
  CHECK_THAT(body["message"].get<std::string>(), Catch::Contains("'stateMachineArn'"));
}
