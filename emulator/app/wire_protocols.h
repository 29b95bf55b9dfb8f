#pragma once
// The WireProtocol of each protocol stepsim speaks, over a service's protocol description
// (service_protocols.h): rest-json (Lambda, Batch), awsJson 1.0 (Step Functions) and the Query
// protocol (IAM, STS).
#include "emulator/app/service_binding.h"
#include "emulator/protocol/aws_json.h"
#include "emulator/protocol/aws_query.h"
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

// A protocol whose codec is a service description and three functions over it: awsJson 1.0 and
// 1.1, Query.
template <class Service,
          protocol::DecodedRequest (*decodeWith)(const Service&, const protocol::HttpRequest&),
          protocol::HttpResponse (*encodeWith)(const Service&, std::string_view,
                                               const stepsim::Json&, std::string_view),
          protocol::HttpResponse (*encodeErrorWith)(const Service&, const core::AwsError&,
                                                    std::string_view)>
class CodecWire : public WireProtocol {
 public:
  explicit CodecWire(const Service& service) : service_(service) {}

  protocol::DecodedRequest decode(const protocol::HttpRequest& request) const override {
    return decodeWith(service_, request);
  }
  protocol::HttpResponse encode(std::string_view operation, const stepsim::Json& output,
                                std::string_view requestId) const override {
    return encodeWith(service_, operation, output, requestId);
  }
  protocol::HttpResponse encodeError(const core::AwsError& error,
                                     std::string_view requestId) const override {
    return encodeErrorWith(service_, error, requestId);
  }

 private:
  const Service& service_;
};

using AwsJsonWire = CodecWire<protocol::AwsJsonService, &protocol::decodeAwsJson,
                              &protocol::encodeAwsJson, &protocol::encodeAwsJsonError>;
using AwsQueryWire = CodecWire<protocol::AwsQueryService, &protocol::decodeAwsQuery,
                               &protocol::encodeAwsQuery, &protocol::encodeAwsQueryError>;

}  // namespace stepsim::app
