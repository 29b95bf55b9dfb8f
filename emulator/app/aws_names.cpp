#include "emulator/app/aws_names.h"

#include <algorithm>

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
  std::size_t firstDash = region.find('-'), lastDash = region.rfind('-');
  if (firstDash != 2 || lastDash == firstDash) return false;
  std::string_view number = region.substr(lastDash + 1);
  if (number.size() > 2 || !allOf(number, isDigit)) return false;
  // Between the two letters and the number, words of letters joined by single dashes.
  for (std::size_t start = 0;;) {
    std::size_t end = region.find('-', start);
    if (!allOf(region.substr(start, end - start), isLower)) return false;
    if (end == lastDash) return true;
    start = end + 1;
  }
}

bool isAccountId(std::string_view text) {
  return text.size() == 12 && allOf(text, isDigit);
}

}  // namespace stepsim::app
