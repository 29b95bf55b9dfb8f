// A service stepsim does not emulate is answered in its client's protocol, read from the request.
#include <catch2/catch.hpp>

#include <algorithm>

#include "emulator/protocol/foreign_service_error.h"

using namespace stepsim::protocol;
using stepsim::core::AwsError;

namespace {

const AwsError kRefused("UnknownOperationException",
                        "stepsim does not emulate the 'x' <service> & more", 400);

HttpRequest request(std::string method, std::string target, HeaderList headers = {}) {
  return HttpRequest{std::move(method), std::move(target), std::move(headers), ""};
}

}  // namespace

TEST_CASE("foreign services: a Query form gets the Query protocol's XML error") {
  HttpRequest form =
      request("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}});
  HttpResponse r = encodeErrorForClient(form, "iam", kRefused, "rid-1");
  CHECK(r.status == 400);
  CHECK(r.header("Content-Type") == "text/xml");
  CHECK(r.header("x-amzn-RequestId") == "rid-1");
  CHECK(r.body ==
        "<ErrorResponse><Error><Type>Sender</Type><Code>UnknownOperationException</Code>"
        "<Message>stepsim does not emulate the &apos;x&apos; &lt;service&gt; &amp; more</Message>"
        "</Error><RequestId>rid-1</RequestId></ErrorResponse>");
  // A GET with Action in the query string is the Query protocol too.
  CHECK(encodeErrorForClient(request("GET", "/?Version=1&Action=ListRoles"), "iam", kRefused, "r")
            .body.starts_with("<ErrorResponse>"));
  // A server-side error is the Receiver's.
  CHECK(encodeErrorForClient(form, "sts", AwsError("InternalFailure", "m", 500), "r")
            .body.find("<Type>Receiver</Type>") != std::string::npos);
}

TEST_CASE("foreign services: EC2's form gets EC2's XML error") {
  HttpRequest form = request("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(encodeErrorForClient(form, "ec2", kRefused, "rid-2").body ==
        "<Response><Errors><Error><Code>UnknownOperationException</Code><Message>stepsim does not "
        "emulate the &apos;x&apos; &lt;service&gt; &amp; more</Message></Error></Errors>"
        "<RequestID>rid-2</RequestID></Response>");
}

TEST_CASE("foreign services: rest-xml services, known by signing name, get S3's XML error") {
  auto names = restXmlSigningNames();
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(std::find(names.begin(), names.end(), "s3") != names.end());
  CHECK(std::find(names.begin(), names.end(), "route53") != names.end());
  HttpResponse r = encodeErrorForClient(request("GET", "/"), "s3", kRefused, "rid-3");
  CHECK(r.header("Content-Type") == "text/xml");
  CHECK(r.body.starts_with("<Error><Code>UnknownOperationException</Code><Message>"));
  CHECK(r.body.ends_with("<RequestId>rid-3</RequestId></Error>"));
}

TEST_CASE("foreign services: awsJson by target or content type, rest-json otherwise") {
  HttpResponse v10 = encodeErrorForClient(request("POST", "/",
                                                  {{"X-Amz-Target", "AmazonSQS.ListQueues"},
                                                   {"Content-Type", "application/x-amz-json-1.0"}}),
                                          "sqs", kRefused, "r");
  CHECK(v10.header("Content-Type") == "application/x-amz-json-1.0");
  CHECK(v10.header("x-amzn-ErrorType") == "UnknownOperationException");
  CHECK(v10.body.find("\"__type\":\"UnknownOperationException\"") != std::string::npos);
  CHECK(encodeErrorForClient(
            request("POST", "/", {{"X-Amz-Target", "Logs_20140328.DescribeLogGroups"}}), "logs",
            kRefused, "r")
            .header("Content-Type") == "application/x-amz-json-1.1");
  HttpResponse rest =
      encodeErrorForClient(request("GET", "/restapis"), "apigateway", kRefused, "r");
  CHECK(rest.header("Content-Type") == "application/json");
  CHECK(rest.body.find("\"message\":\"stepsim does not emulate") != std::string::npos);
}

TEST_CASE("foreign services: Smithy RPC v2 gets a CBOR map of __type and message") {
  HttpRequest cbor = request("POST", "/service/GraniteServiceVersion20100801/operation/ListMetrics",
                             {{"smithy-protocol", "rpc-v2-cbor"}});
  HttpResponse r = encodeErrorForClient(cbor, "monitoring", AwsError("Nope", "no", 400), "r");
  CHECK(r.header("Content-Type") == "application/cbor");
  CHECK(r.header("smithy-protocol") == "rpc-v2-cbor");
  // map(2) "__type" "Nope" "message" "no"
  CHECK(r.body == std::string("\xa2\x66__type\x64Nope\x67message\x62no", 24));
  // A text of 24 bytes or more takes a length byte.
  std::string longCode(30, 'E');
  HttpResponse longer = encodeErrorForClient(cbor, "monitoring", AwsError(longCode, "m", 400), "r");
  CHECK(longer.body.substr(8, 2) == std::string("\x78\x1e", 2));
  // Text that is not UTF-8 is not written into CBOR text.
  HttpResponse invalid =
      encodeErrorForClient(cbor, "monitoring", AwsError("E", "bad \xff", 400), "r");
  CHECK(invalid.body.find('\xff') == std::string::npos);
}
