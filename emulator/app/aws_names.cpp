#include "emulator/app/aws_names.h"

#include <algorithm>
#include <vector>

namespace stepsim::app {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool isLower(char c) {
  return c >= 'a' && c <= 'z';
}

bool allOf(std::string_view text, bool (*is)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is);
}

}  // namespace

bool isRegionName(std::string_view region) {
  if (region.size() > 32) return false;
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t dash = region.find('-', start);
    parts.push_back(region.substr(start, dash - start));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (parts.size() < 3 || parts.front().size() != 2 || parts.back().size() > 2 ||
      !allOf(parts.back(), isDigit))
    return false;
  return std::all_of(parts.begin(), parts.end() - 1,
                     [](std::string_view part) { return allOf(part, isLower); });
}

bool isAccountId(std::string_view text) {
  return text.size() == 12 && allOf(text, isDigit);
}

}  // namespace stepsim::app
