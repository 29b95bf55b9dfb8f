#pragma once
// A service's operations: a table of (model operation name, handler) sorted by name, searched by
// binary search. Adding an operation is one row.
#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace stepsim::core {

template <typename Handler, std::size_t N>
using OperationTable = std::array<std::pair<std::string_view, Handler>, N>;

template <typename Handler, std::size_t N>
constexpr bool isSortedByName(const OperationTable<Handler, N>& table) {
  return std::is_sorted(table.begin(), table.end(),
                        [](const auto& a, const auto& b) { return a.first < b.first; });
}

// The handler of `operation`, or nullptr.
template <typename Handler, std::size_t N>
Handler findOperation(const OperationTable<Handler, N>& table, std::string_view operation) {
  auto it =
      std::lower_bound(table.begin(), table.end(), operation,
                       [](const auto& entry, std::string_view op) { return entry.first < op; });
  return it != table.end() && it->first == operation ? it->second : nullptr;
}

}  // namespace stepsim::core
