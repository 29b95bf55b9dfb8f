#include "emulator/http/request_reader.h"

namespace stepsim::http {

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
