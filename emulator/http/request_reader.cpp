#include "emulator/http/request_reader.h"

#include <cstdint>

namespace stepsim::http {

void limitParser(BeastParser& parser, std::size_t bodyLimit, std::size_t headerLimit) {
  parser.body_limit(static_cast<std::uint64_t>(bodyLimit));
  parser.header_limit(static_cast<std::uint32_t>(headerLimit));
}

void readRequest(BeastRequest& message, protocol::HttpRequest& out) {
  out.method.assign(message.method_string().data(), message.method_string().size());
  out.target.assign(message.target().data(), message.target().size());
  std::size_t count = 0;
  for (const auto& field : message) {
    if (count == out.headers.size()) out.headers.emplace_back();
    auto& [name, value] = out.headers[count++];
    name.assign(field.name_string().data(), field.name_string().size());
    value.assign(field.value().data(), field.value().size());
  }
  out.headers.resize(count);
  out.body = std::move(message.body());
}

}  // namespace stepsim::http
