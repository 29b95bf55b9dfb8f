#include "emulator/cloudformation/template/template_text.h"

#include <cctype>
#include <cstdlib>

namespace stepsim::cfn {

std::string joinNames(const std::vector<std::string>& names) {
  std::string joined;
  for (const std::string& name : names) {
    if (!joined.empty()) joined += ", ";
    joined += name;
  }
  return joined;
}

bool isAlphanumeric(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

namespace {

// The number of ASCII digits at the start of `text`.
std::size_t leadingDigits(std::string_view text) {
  std::size_t count = 0;
  while (count < text.size() && std::isdigit(static_cast<unsigned char>(text[count]))) ++count;
  return count;
}

}  // namespace

bool isDecimalNumber(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  const std::size_t integerDigits = leadingDigits(text);
  text.remove_prefix(integerDigits);
  std::size_t fractionDigits = 0;
  if (!text.empty() && text.front() == '.') {
    text.remove_prefix(1);
    fractionDigits = leadingDigits(text);
    text.remove_prefix(fractionDigits);
  }
  if (integerDigits + fractionDigits == 0) return false;
  if (!text.empty() && (text.front() == 'e' || text.front() == 'E')) {
    text.remove_prefix(1);
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    const std::size_t exponentDigits = leadingDigits(text);
    if (exponentDigits == 0) return false;
    text.remove_prefix(exponentDigits);
  }
  return text.empty();
}

double decimalValue(std::string_view text) {
  const std::string terminated(text);
  return std::strtod(terminated.c_str(), nullptr);
}

std::optional<std::string> scalarText(const stepsim::Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return std::nullopt;
}

std::vector<std::string> splitText(std::string_view text, std::string_view delimiter) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t found; (found = text.find(delimiter, start)) != std::string_view::npos;
       start = found + delimiter.size())
    pieces.emplace_back(text.substr(start, found - start));
  pieces.emplace_back(text.substr(start));
  return pieces;
}

std::size_t characterCount(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

}  // namespace stepsim::cfn
