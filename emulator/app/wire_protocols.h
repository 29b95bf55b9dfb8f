#pragma once
// The WireProtocol of each protocol stepsim speaks, over a service's protocol description
// (service_protocols.h): rest-json (Lambda, Batch) and awsJson 1.0 (Step Functions).
#include "emulator/app/service_binding.h"
#include "emulator/protocol/aws_json.h"
#include "emulator/protocol/rest_json.h"

namespace stepsim::app {

class RestJsonWire : public WireProtocol {
 public:
  // `decorate` adds a service's own members to every error it answers (nullptr: none).
  using ErrorDecorator = core::AwsError (*)(core::AwsError);
  explicit RestJsonWire(const protocol::RestJsonService& service, ErrorDecorator decorate = nullptr)
      : service_(service), decorate_(decorate) {}

  protocol::DecodedRequest decode(const protocol::HttpRequest& request) const override;
  protocol::HttpResponse encode(std::string_view operation, const stepsim::Json& output,
                                std::string_view requestId) const override;
  // For an output already serialized as a JSON object (see encodeRestJsonBody).
  protocol::HttpResponse encodeBody(std::string_view operation, std::string body,
                                    std::string_view requestId) const;
  protocol::HttpResponse encodeError(const core::AwsError& error,
                                     std::string_view requestId) const override;

 private:
  const protocol::RestJsonService& service_;
  ErrorDecorator decorate_;
};

class AwsJsonWire : public WireProtocol {
 public:
  explicit AwsJsonWire(const protocol::AwsJsonService& service) : service_(service) {}

  protocol::DecodedRequest decode(const protocol::HttpRequest& request) const override;
  protocol::HttpResponse encode(std::string_view operation, const stepsim::Json& output,
                                std::string_view requestId) const override;
  protocol::HttpResponse encodeError(const core::AwsError& error,
                                     std::string_view requestId) const override;

 private:
  const protocol::AwsJsonService& service_;
};

}  // namespace stepsim::app
