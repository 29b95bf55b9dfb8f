#include "emulator/app/wire_protocols.h"

namespace stepsim::app {

protocol::DecodedRequest RestJsonWire::decode(const protocol::HttpRequest& request) const {
  return protocol::decodeRestJson(service_, request);
}

protocol::HttpResponse RestJsonWire::encode(std::string_view operation, const stepsim::Json& output,
                                            std::string_view requestId) const {
  return protocol::encodeRestJson(service_, operation, output, requestId);
}

protocol::HttpResponse RestJsonWire::encodeBody(std::string_view operation, std::string body,
                                                std::string_view requestId) const {
  return protocol::encodeRestJsonBody(service_, operation, std::move(body), requestId);
}

protocol::HttpResponse RestJsonWire::encodeError(const core::AwsError& error,
                                                 std::string_view requestId) const {
  return protocol::encodeError(decorate_ ? decorate_(error) : error, requestId, "application/json");
}

}  // namespace stepsim::app
