#pragma once
// Request-target pieces as rest-json clients send them: the path is split on '/' before
// percent-decoding (a %2F belongs to its segment), and in the query '+' is a literal plus.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stepsim::protocol {

// Raw (still encoded) segments of a path: "/v1/tags/a%2Fb" -> {"v1", "tags", "a%2Fb"}. A trailing
// slash adds no segment; "/" and "" have none. The views point into `path`.
std::vector<std::string_view> splitPath(std::string_view path);

// Decodes %XX escapes; a malformed escape is kept as written. '+' stays '+'.
std::string percentDecode(std::string_view text);
// Encodes every byte but RFC 3986's unreserved characters (letters, digits, "-_.~") as %XX.
std::string percentEncode(std::string_view text);

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// "a=1&b=x%20y&a=2&flag" -> {{"a","1"},{"b","x y"},{"a","2"},{"flag",""}}, in order.
QueryParams parseQuery(std::string_view query);
// An application/x-www-form-urlencoded body (the Query protocol's requests): as parseQuery, but
// '+' is a space.
QueryParams parseForm(std::string_view form);

}  // namespace stepsim::protocol
