#include "emulator/scenario/json_diff.h"

#include "emulator/core/json_location.h"

namespace stepsim::scenario {

namespace {

using json = stepsim::Json;

std::string shortText(const json& value) {
  std::string text = value.dump();
  return text.size() > 200 ? text.substr(0, 197) + "..." : text;
}

bool sameNumber(const json& a, const json& b) {
  return a.is_number() && b.is_number() && a.get<double>() == b.get<double>();
}

void diff(const json& expected, const json& actual, bool subset, const std::string& pointer,
          std::vector<std::string>& out, std::size_t limit) {
  if (out.size() >= limit) return;
  std::string at = pointer.empty() ? "(the whole value)" : pointer;
  if (expected.is_object() && actual.is_object()) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      std::string child = core::appendPointer(pointer, it.key());
      auto found = actual.find(it.key());
      if (found == actual.end()) {
        if (out.size() < limit) out.push_back(child + ": missing (expected " + shortText(it.value()) + ")");
      } else {
        diff(it.value(), *found, subset, child, out, limit);
      }
    }
    if (!subset)
      for (auto it = actual.begin(); it != actual.end(); ++it)
        if (!expected.contains(it.key()) && out.size() < limit)
          out.push_back(core::appendPointer(pointer, it.key()) + ": unexpected member " + shortText(it.value()));
    return;
  }
  if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) {
      out.push_back(at + ": expected " + std::to_string(expected.size()) + " items, got " +
                    std::to_string(actual.size()));
      return;
    }
    for (std::size_t i = 0; i < expected.size(); ++i)
      diff(expected[i], actual[i], subset, pointer + "/" + std::to_string(i), out, limit);
    return;
  }
  if (expected == actual || sameNumber(expected, actual)) return;
  out.push_back(at + ": expected " + shortText(expected) + ", got " + shortText(actual));
}

}  // namespace

std::vector<std::string> jsonDiff(const json& expected, const json& actual, bool subset, std::size_t limit) {
  std::vector<std::string> out;
  diff(expected, actual, subset, "", out, limit);
  return out;
}

}  // namespace stepsim::scenario
