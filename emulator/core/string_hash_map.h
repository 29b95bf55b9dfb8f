#pragma once
// A hash map keyed by std::string that can be searched with a std::string_view (no temporary
// string per lookup): for large tables looked up by id or ARN on every request.
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace stepsim::core {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

template <typename T>
using StringHashMap = std::unordered_map<std::string, T, StringHash, std::equal_to<>>;

}  // namespace stepsim::core
