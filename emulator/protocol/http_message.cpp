#include "emulator/protocol/http_message.h"

namespace stepsim::protocol {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

namespace {
std::string_view find(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (equalsIgnoreCase(key, name)) return value;
  return {};
}
}  // namespace

std::string_view HttpRequest::header(std::string_view name) const { return find(headers, name); }

std::string_view HttpRequest::path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view HttpRequest::query() const {
  std::string_view t = target;
  size_t q = t.find('?');
  return q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

void HttpResponse::setHeader(std::string_view name, std::string value) {
  for (auto& [key, existing] : headers)
    if (equalsIgnoreCase(key, name)) {
      existing = std::move(value);
      return;
    }
  headers.emplace_back(std::string(name), std::move(value));
}

std::string_view HttpResponse::header(std::string_view name) const { return find(headers, name); }

}  // namespace stepsim::protocol
