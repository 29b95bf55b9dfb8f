// The request guard keeps web pages away from stepsim: foreign Hosts (DNS rebinding), foreign
// Origins, CORS preflights from them, and requests a page could send without a preflight.
#include <catch2/catch.hpp>

#include "emulator/core/json.h"
#include "emulator/http/request_guard.h"

using stepsim::http::GuardOptions;
using stepsim::http::isLoopbackHost;
using stepsim::http::RequestGuard;
using stepsim::protocol::HttpRequest;
using stepsim::protocol::HttpResponse;

namespace {

constexpr const char* kSigned =
    "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, "
    "SignedHeaders=host, Signature=00";

HttpRequest request(std::string method, std::string target,
                    stepsim::protocol::HeaderList headers, std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

HttpRequest signedList(std::string host) {
  return request("GET", "/2015-03-31/functions/", {{"Host", std::move(host)}, {"Authorization", kSigned}});
}

std::string errorType(const std::optional<HttpResponse>& response) {
  REQUIRE(response.has_value());
  return stepsim::Json::parse(response->body).at("__type").get<std::string>();
}

}  // namespace

TEST_CASE("loopback hosts are localhost, its subdomains and loopback addresses") {
  for (const char* host : {"localhost", "LocalHost.", "localhost:4566", "console.localhost",
                           "127.0.0.1", "127.9.8.7:80", "::1", "[::1]:4566", "::ffff:127.0.0.1"})
    CHECK(isLoopbackHost(host));
  for (const char* host : {"", "example.com", "localhost.example.com", "evil-localhost", "10.0.0.1",
                           "0.0.0.0", "[::]:4566", "128.0.0.1"})
    CHECK_FALSE(isLoopbackHost(host));
}

TEST_CASE("a Host that is not loopback, the listening address or allowed is refused") {
  RequestGuard guard(GuardOptions{});
  CHECK_FALSE(guard.screen(signedList("127.0.0.1:4566"), "127.0.0.1"));
  CHECK_FALSE(guard.screen(signedList("localhost:4566"), "127.0.0.1"));
  CHECK_FALSE(guard.screen(signedList(""), "127.0.0.1"));  // HTTP/1.0: no Host at all
  // A DNS-rebinding page reaches the port under a name of its own.
  auto refused = guard.screen(signedList("attacker.example:4566"), "127.0.0.1");
  CHECK(errorType(refused) == "AccessDeniedException");
  CHECK(refused->status == 403);
  // 0.0.0.0 reaches loopback on Linux, but is not where this server listens.
  CHECK(guard.screen(signedList("0.0.0.0:4566"), "127.0.0.1"));
}

TEST_CASE("a Host may carry an operation's modeled host prefix") {
  RequestGuard guard(GuardOptions{});
  CHECK_FALSE(guard.screen(signedList("sync-localhost:4566"), "127.0.0.1"));
  CHECK(guard.screen(signedList("sync-attacker.example"), "127.0.0.1"));
  CHECK(guard.screen(signedList("async-localhost"), "127.0.0.1"));
}

TEST_CASE("the listening address, the connection's address and allowed names are answered") {
  RequestGuard listening(GuardOptions{"0.0.0.0", {}, {}});
  CHECK_FALSE(listening.screen(signedList("0.0.0.0:4566"), "127.0.0.1"));
  CHECK_FALSE(listening.screen(signedList("192.168.1.5:4566"), "192.168.1.5"));
  CHECK(listening.screen(signedList("192.168.1.6:4566"), "192.168.1.5"));

  RequestGuard compose(GuardOptions{"0.0.0.0", {"stepsim", "Other.Example"}, {}});
  CHECK_FALSE(compose.screen(signedList("stepsim:4566"), "172.18.0.2"));
  CHECK_FALSE(compose.screen(signedList("other.example"), "172.18.0.2"));
  CHECK(compose.screen(signedList("stepsim2:4566"), "172.18.0.2"));

  RequestGuard anyHost(GuardOptions{"127.0.0.1", {"*"}, {}});
  CHECK_FALSE(anyHost.screen(signedList("whatever.example"), "127.0.0.1"));
}

TEST_CASE("pages of other origins are refused; loopback, own and allowed origins are not") {
  RequestGuard guard(GuardOptions{"127.0.0.1", {}, {"https://Tools.Example"}});
  auto from = [](std::string origin, std::string host = "127.0.0.1:4566") {
    HttpRequest r = signedList(std::move(host));
    r.headers.emplace_back("Origin", std::move(origin));
    return r;
  };
  CHECK_FALSE(guard.screen(from("http://localhost:3000"), "127.0.0.1"));
  CHECK_FALSE(guard.screen(from("http://127.0.0.1:4566"), "127.0.0.1"));
  CHECK_FALSE(guard.screen(from("https://tools.example/"), "127.0.0.1"));
  CHECK(errorType(guard.screen(from("https://attacker.example"), "127.0.0.1")) ==
        "AccessDeniedException");
  CHECK(guard.screen(from("null"), "127.0.0.1"));
  CHECK(guard.screen(from("http://localhost.attacker.example"), "127.0.0.1"));
  CHECK(guard.screen(from("file://"), "127.0.0.1"));
  // Same origin as the Host it was served from (a console on a LAN address).
  RequestGuard lan(GuardOptions{"0.0.0.0", {}, {}});
  CHECK_FALSE(lan.screen(from("http://192.168.1.5:4566", "192.168.1.5:4566"), "192.168.1.5"));
  CHECK(lan.screen(from("http://192.168.1.5:8080", "192.168.1.5:4566"), "192.168.1.5"));
}

TEST_CASE("CORS preflights are answered for allowed origins only") {
  RequestGuard guard(GuardOptions{});
  auto preflight = [](std::string origin) {
    return request("OPTIONS", "/2015-03-31/functions/f/invocations",
                   {{"Host", "127.0.0.1:4566"},
                    {"Origin", std::move(origin)},
                    {"Access-Control-Request-Method", "POST"},
                    {"Access-Control-Request-Headers", "authorization,x-amz-date,content-type"}});
  };
  auto answered = guard.screen(preflight("http://localhost:5173"), "127.0.0.1");
  REQUIRE(answered);
  CHECK(answered->status == 204);
  CHECK(answered->header("Access-Control-Allow-Origin") == "http://localhost:5173");
  CHECK(answered->header("Access-Control-Allow-Headers") == "authorization,x-amz-date,content-type");
  CHECK(answered->header("Access-Control-Allow-Methods").find("POST") != std::string_view::npos);
  auto refused = guard.screen(preflight("https://attacker.example"), "127.0.0.1");
  REQUIRE(refused);
  CHECK(refused->status == 403);
  CHECK(refused->header("Access-Control-Allow-Origin").empty());
}

TEST_CASE("a request for a service must carry what an SDK sends and a simple request cannot") {
  RequestGuard guard(GuardOptions{});
  auto create = [](stepsim::protocol::HeaderList extra) {
    stepsim::protocol::HeaderList headers{{"Host", "localhost:4566"}};
    headers.insert(headers.end(), extra.begin(), extra.end());
    return request("POST", "/2015-03-31/functions", std::move(headers), R"({"FunctionName":"f"})");
  };
  // What a page can send cross-origin without a preflight.
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
    auto refused = guard.screen(create({{"Content-Type", type}}), "127.0.0.1");
    CHECK(errorType(refused) == "MissingAuthenticationTokenException");
    CHECK(refused->status == 403);
  }
  CHECK(guard.screen(create({}), "127.0.0.1"));
  CHECK(guard.screen(create({{"Authorization", "Basic dXNlcjpwYXNz"}}), "127.0.0.1"));
  // What SDKs send, signed or not.
  CHECK_FALSE(guard.screen(create({{"Authorization", kSigned}}), "127.0.0.1"));
  CHECK_FALSE(guard.screen(create({{"X-Amz-Target", "AWSStepFunctions.ListActivities"}}), "127.0.0.1"));
  CHECK_FALSE(guard.screen(create({{"X-Amz-Date", "20260101T000000Z"}}), "127.0.0.1"));
  CHECK_FALSE(guard.screen(create({{"amz-sdk-invocation-id", "7d1f"}}), "127.0.0.1"));
  CHECK_FALSE(guard.screen(create({{"Content-Type", "application/json; charset=utf-8"}}), "127.0.0.1"));
  CHECK_FALSE(guard.screen(create({{"Content-Type", "application/x-amz-json-1.0"}}), "127.0.0.1"));
}

TEST_CASE("control requests with a body must be JSON; the Runtime API needs no AWS signal") {
  RequestGuard guard(GuardOptions{});
  HttpRequest scenario = request("POST", "/_stepsim/scenario",
                                 {{"Host", "127.0.0.1"}, {"Content-Type", "text/plain"}}, "{}");
  auto refused = guard.screen(scenario, "127.0.0.1");
  REQUIRE(refused);
  CHECK(refused->status == 415);
  scenario.headers[1].second = "application/json";
  CHECK_FALSE(guard.screen(scenario, "127.0.0.1"));
  CHECK_FALSE(guard.screen(request("POST", "/_stepsim/reset", {{"Host", "localhost"}}), "127.0.0.1"));
  CHECK_FALSE(guard.screen(request("GET", "/_stepsim/health", {{"Host", "localhost"}}), "127.0.0.1"));

  HttpRequest next = request("GET", "/2018-06-01/runtime/invocation/next", {{"Host", "127.0.0.1:40001"}});
  next.channel = 3;
  CHECK_FALSE(guard.screen(next, "127.0.0.1"));
}

TEST_CASE("answers to allowed pages say so, and expose the answer's headers") {
  RequestGuard guard(GuardOptions{});
  HttpRequest fromPage = signedList("localhost:4566");
  fromPage.headers.emplace_back("Origin", "http://localhost:3000");
  HttpResponse response;
  response.headers = {{"Content-Type", "application/json"}, {"x-amzn-RequestId", "r"}};
  guard.addCorsHeaders(fromPage, response);
  CHECK(response.header("Access-Control-Allow-Origin") == "http://localhost:3000");
  CHECK(response.header("Access-Control-Expose-Headers") == "Content-Type, x-amzn-RequestId");
  CHECK(response.header("Vary") == "Origin");

  HttpResponse plain;
  guard.addCorsHeaders(signedList("localhost"), plain);
  CHECK(plain.headers.empty());
}

TEST_CASE("answers to refused pages carry no CORS headers") {
  RequestGuard guard(GuardOptions{});
  HttpRequest fromAttacker = signedList("localhost:4566");
  fromAttacker.headers.emplace_back("Origin", "https://attacker.example");
  HttpResponse refusal;
  refusal.headers = {{"Content-Type", "application/json"}};
  guard.addCorsHeaders(fromAttacker, refusal);
  CHECK(refusal.header("Access-Control-Allow-Origin").empty());
}
