#pragma once
// Plain HTTP request and response values. The Beast server in emulator/http converts to and from
// these, so nothing else in the emulator sees Boost.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stepsim::protocol {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target: percent-encoded path plus optional "?query"
  HeaderList headers;
  std::string body;
  // Which private endpoint the request arrived on (a Lambda worker's Runtime API); 0 for the
  // public port. Set by the server, never from anything the client sends.
  std::uint64_t channel = 0;

  // Case-insensitive lookup; empty when absent.
  std::string_view header(std::string_view name) const;
  std::string_view path() const;   // target before '?', still percent-encoded
  std::string_view query() const;  // target after '?', still percent-encoded; empty when none
};

struct HttpResponse {
  int status = 200;
  HeaderList headers;
  std::string body;

  // Replaces any header of the same name (case-insensitive).
  void setHeader(std::string_view name, std::string value);
  std::string_view header(std::string_view name) const;
};

bool equalsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace stepsim::protocol
