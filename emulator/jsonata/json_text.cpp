// Numbers and JSON text as jsonata-js prints them (JavaScript's Number#toString and
// JSON.stringify), used by $string, `&`, $join and error messages.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "emulator/jsonata/value.h"

namespace stepsim::jsonata {

namespace {

// JavaScript's Number#toString: shortest round-trip digits, exponent form outside [1e-7, 1e21).
std::string javascriptNumber(double n) {
  if (n == 0) return "0";
  std::string out;
  if (n < 0) {
    out.push_back('-');
    n = -n;
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n, std::chars_format::scientific);
  if (ec != std::errc()) return "0";
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  std::size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e))
    if (c != '.') digits.push_back(c);
  int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  int k = static_cast<int>(digits.size());
  int point = exponent + 1;  // value = 0.digits × 10^point
  if (k <= point && point <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(point - k), '0');
  } else if (0 < point && point <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(point));
    out.push_back('.');
    out += digits.substr(static_cast<std::size_t>(point));
  } else if (-6 < point && point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(point - 1 >= 0 ? '+' : '-');
    out += std::to_string(std::abs(point - 1));
  }
  return out;
}

void appendIndent(std::string& out, int indent, int level) {
  if (indent == 0) return;
  out.push_back('\n');
  out.append(static_cast<std::size_t>(indent * level), ' ');
}

// `infinite`: when given, set on a number JSON cannot hold; such numbers print as null then.
void appendValue(std::string& out, const Value& value, int indent, int level, bool* infinite) {
  switch (value.type()) {
    case ValueType::Undefined:
    case ValueType::Null: out += "null"; return;
    case ValueType::Boolean: out += value.boolean() ? "true" : "false"; return;
    case ValueType::Number:
      if (infinite && !std::isfinite(value.number())) {
        *infinite = *infinite || std::isinf(value.number());  // NaN is JSON.stringify's null, no error
        out += "null";
        return;
      }
      out += formatNumber(value.number());
      return;
    case ValueType::String: appendJsonString(out, value.string()); return;
    case ValueType::Function: out += "\"\""; return;
    case ValueType::Array: {
      std::size_t n = value.size();
      if (n == 0) {
        out += "[]";
        return;
      }
      out.push_back('[');
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) out.push_back(',');
        appendIndent(out, indent, level + 1);
        appendValue(out, value.at(i), indent, level + 1, infinite);
      }
      appendIndent(out, indent, level);
      out.push_back(']');
      return;
    }
    case ValueType::Object: {
      bool first = true;
      out.push_back('{');
      value.forEachMember([&](std::string_view key, const Value& member) {
        if (member.isUndefined()) return;
        if (!first) out.push_back(',');
        first = false;
        appendIndent(out, indent, level + 1);
        appendJsonString(out, key);
        out.push_back(':');
        if (indent > 0) out.push_back(' ');
        appendValue(out, member, indent, level + 1, infinite);
      });
      if (!first) appendIndent(out, indent, level);
      out.push_back('}');
      return;
    }
  }
}

}  // namespace

std::string formatNumber(double n) {
  if (!std::isfinite(n)) return n != n ? "NaN" : (n > 0 ? "Infinity" : "-Infinity");
  // Number(n.toPrecision(15)): round to 15 significant digits first.
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.14e", n);
  return javascriptNumber(std::strtod(buffer, nullptr));
}

void appendJsonString(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out.push_back(hex[(c >> 4) & 0xF]);
          out.push_back(hex[c & 0xF]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::string stringify(const Value& value, bool prettify, bool* infinite) {
  std::string out;
  appendValue(out, value, prettify ? 2 : 0, 0, infinite);
  return out;
}

}  // namespace stepsim::jsonata
