// Fuzz target: the protocol codecs that decode requests against the botocore models (rest-json for
// Batch and Lambda, awsJson 1.0 for Step Functions, the Query protocol for IAM and STS). Input: the
// first byte picks the service, the rest is a request written as
//   METHOD TARGET\n
//   Name: value\n ...
//   \n
//   body
// Decoding may fail only with core::AwsError, with a 4xx status; a decoded input must be
// serializable JSON (handlers echo its strings back).

#include "emulator/app/service_protocols.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/json.h"
#include "tools/fuzz/fuzz_support.h"

using namespace stepsim;

namespace {

protocol::HttpRequest parseRequest(std::string_view text) {
  protocol::HttpRequest request;
  auto [requestLine, rest] = fuzz::splitAt(text, '\n');
  auto [method, target] = fuzz::splitAt(requestLine, ' ');
  request.method = method;
  request.target = target;
  while (!rest.empty()) {
    auto [line, after] = fuzz::splitAt(rest, '\n');
    rest = after;
    if (line.empty()) break;
    auto [name, value] = fuzz::splitAt(line, ':');
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers.emplace_back(std::string(name), std::string(value));
  }
  request.body = rest;
  return request;
}

protocol::DecodedRequest decode(std::uint8_t service, const protocol::HttpRequest& request) {
  switch (service % 5) {
    case 0: return protocol::decodeRestJson(app::batchProtocol(), request);
    case 1: return protocol::decodeRestJson(app::lambdaProtocol(), request);
    case 2:
      return protocol::decodeAwsJson(app::sfnProtocol(), request);
    case 3:
      return protocol::decodeAwsQuery(app::iamProtocol(), request);
    default:
      return protocol::decodeAwsQuery(app::stsProtocol(), request);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  protocol::HttpRequest request = parseRequest(fuzz::asText(data + 1, size - 1));
  try {
    protocol::DecodedRequest decoded = decode(data[0], request);
    (void)decoded.input.dump();  // throws (a finding) on a string that is not UTF-8
  } catch (const core::AwsError& error) {
    if (error.httpStatus < 400 || error.httpStatus > 499) __builtin_trap();
  }
  return 0;
}
