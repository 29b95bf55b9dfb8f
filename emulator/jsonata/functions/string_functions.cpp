// https://docs.jsonata.org/string-functions (except $string, the evaluator's). Positions and
// lengths count code points, as jsonata-js does with Array.from(str).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <locale>

#include "emulator/jsonata/functions/builtin_support.h"
#include "emulator/jsonata/functions/function_library.h"
#include "emulator/jsonata/functions/pattern_match.h"
#include "emulator/jsonata/functions/text_encoding.h"
#include "emulator/jsonata/functions/utf8.h"

namespace stepsim::jsonata {

namespace {

// JavaScript's ToIntegerOrInfinity, clamped to what a string index can be.
long long truncateIndex(double n) {
  if (std::isnan(n)) return 0;
  return static_cast<long long>(std::clamp(std::trunc(n), -1e15, 1e15));
}

// Array.prototype.slice's reading of an index: truncated, negative counts from the end.
long long sliceIndex(double index, long long size) {
  long long i = truncateIndex(index);
  return i < 0 ? std::max(0LL, size + i) : std::min(i, size);
}

// jsonata-js: the end is computed from the unrounded start and length, then both are sliced.
Value substring(std::string_view str, double start, std::optional<double> length) {
  std::vector<char32_t> chars = utf8::codePoints(str);
  auto size = static_cast<long long>(chars.size());
  if (static_cast<double>(size) + start < 0) start = 0;
  double end = static_cast<double>(size);
  if (length) {
    if (*length <= 0) return Value::string("");
    end = start >= 0 ? start + *length : static_cast<double>(size) + start + *length;
  }
  long long from = sliceIndex(start, size), to = sliceIndex(end, size);
  if (from >= to) return Value::string("");
  return Value::string(utf8::fromCodePoints({chars.begin() + from, chars.begin() + to}));
}

std::string changeCase(std::string_view s, bool upper) {
  static const std::locale locale = [] {
    try {
      return std::locale("C.UTF-8");
    } catch (const std::exception&) {
      return std::locale::classic();
    }
  }();
  const auto& ctype = std::use_facet<std::ctype<wchar_t>>(locale);
  std::string out;
  out.reserve(s.size());
  for (std::size_t offset = 0; offset < s.size();) {
    char32_t cp = utf8::decode(s, offset);
    if (upper && cp == U'ß') {  // JavaScript's full case mapping
      out += "SS";
      continue;
    }
    auto wide = static_cast<wchar_t>(cp);
    utf8::append(out, static_cast<char32_t>(upper ? ctype.toupper(wide) : ctype.tolower(wide)));
  }
  return out;
}

// jsonata-js: runs of whitespace become one space, then the ends are trimmed.
std::string normalizeSpace(std::string_view s) {
  std::string out;
  bool pendingSpace = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out.push_back(' ');
    pendingSpace = false;
    out.push_back(c);
  }
  return out;
}

Value pad(CallContext& context, std::string_view str, double width, std::string_view padChars) {
  if (padChars.empty()) padChars = " ";
  long long target = truncateIndex(std::fabs(width));
  auto length = static_cast<long long>(utf8::length(str));
  if (target <= length) return Value::string(str);
  auto padLength = static_cast<std::size_t>(target - length);
  context.checkResultSize(static_cast<std::uint64_t>(target));  // characters in the result
  std::vector<char32_t> padCodePoints = utf8::codePoints(padChars);
  std::string padding;
  for (std::size_t i = 0; i < padLength; ++i) utf8::append(padding, padCodePoints[i % padCodePoints.size()]);
  return Value::string(width > 0 ? std::string(str) + padding : padding + std::string(str));
}

std::optional<std::size_t> limitArgument(CallContext& context, const Value& limit, const char* code,
                                         const char* ordinal, const char* function) {
  if (limit.isUndefined()) return std::nullopt;
  if (limit.number() < 0) {
    context.fail(code, std::string(ordinal) + " argument of " + function +
                           " function must evaluate to a positive number");
  }
  if (std::isnan(limit.number())) return 0;  // JavaScript's ToUint32(NaN)
  return static_cast<std::size_t>(std::min(limit.number(), 1e15));
}

Value split(CallContext& context, std::string_view str, const Value& separator, const Value& limitValue) {
  std::optional<std::size_t> limit = limitArgument(context, limitValue, "D3020", "Third", "split");
  std::vector<Value> parts;
  if (separator.isString() && separator.string().empty()) {
    // JavaScript splits into characters.
    for (std::size_t offset = 0; offset < str.size() && (!limit || parts.size() < *limit);) {
      std::size_t start = offset;
      utf8::decode(str, offset);
      parts.push_back(Value::string(str.substr(start, offset - start)));
    }
    return Value::array(std::move(parts));
  }
  std::size_t start = 0;
  for (const PatternMatch& match : findMatches(context, separator, str, limit)) {
    parts.push_back(Value::string(str.substr(start, match.start - start)));
    start = match.end;
  }
  if (!limit || parts.size() < *limit) parts.push_back(Value::string(str.substr(start)));
  return Value::array(std::move(parts));
}

Value matchObject(std::string_view str, const PatternMatch& match) {
  ObjectData object;
  object.set("match", Value::string(str.substr(match.start, match.end - match.start)));
  object.set("index", Value::number(static_cast<double>(javascriptIndex(str, match.start))));
  object.set("groups", Value::array(match.groups));
  return Value::object(std::move(object));
}

Value match(CallContext& context, std::string_view str, const Value& pattern, const Value& limitValue) {
  std::optional<std::size_t> limit = limitArgument(context, limitValue, "D3040", "Third", "match");
  std::vector<Value> results;
  for (const PatternMatch& m : findMatches(context, pattern, str, limit)) results.push_back(matchObject(str, m));
  return Value::sequence(std::move(results));
}

// A replacement string's `$0`, `$n`, `$$` for one regex match, as jsonata-js expands them: `$n`
// takes as many digits as the group count has, then one fewer if that names no group.
std::string expandReplacement(std::string_view replacement, std::string_view matched, const PatternMatch& match) {
  std::string out;
  std::size_t groupCount = match.groups.size();
  std::size_t maxDigits = groupCount == 0 ? 1 : std::to_string(groupCount).size();
  std::size_t position = 0;
  for (std::size_t dollar = replacement.find('$'); dollar != std::string_view::npos && position < replacement.size();
       dollar = replacement.find('$', position)) {
    out.append(replacement.substr(position, dollar - position));
    position = dollar + 1;
    if (position < replacement.size() && replacement[position] == '$') {
      out.push_back('$');
      ++position;
      continue;
    }
    if (position < replacement.size() && replacement[position] == '0') {
      out.append(matched);
      ++position;
      continue;
    }
    std::size_t digits = 0;
    while (digits < maxDigits && position + digits < replacement.size() &&
           std::isdigit(static_cast<unsigned char>(replacement[position + digits])))
      ++digits;
    if (digits == 0) {
      out.push_back('$');
      continue;
    }
    std::size_t index = std::stoul(std::string(replacement.substr(position, digits)));
    if (digits > 1 && index > groupCount) index = std::stoul(std::string(replacement.substr(position, --digits)));
    if (index >= 1 && index <= groupCount && match.groups[index - 1].isString())
      out.append(match.groups[index - 1].string());
    position += std::to_string(index).size();
  }
  if (position < replacement.size()) out.append(replacement.substr(position));
  return out;
}

Value replace(CallContext& context, std::string_view str, const Value& pattern, const Value& replacement,
              const Value& limitValue) {
  if (pattern.isString() && pattern.string().empty())
    context.fail("D3010", "Second argument of replace function cannot be an empty string");
  std::optional<std::size_t> limit = limitArgument(context, limitValue, "D3011", "Fourth", "replace");
  std::string out;
  std::size_t position = 0;
  for (const PatternMatch& m : findMatches(context, pattern, str, limit)) {
    out.append(str.substr(position, m.start - position));
    std::string_view matched = str.substr(m.start, m.end - m.start);
    if (replacement.isString()) {
      out.append(pattern.isString() ? replacement.string() : expandReplacement(replacement.string(), matched, m));
    } else {
      Value object = matchObject(str, m);
      Value substitute = context.apply(replacement, std::span<const Value>(&object, 1));
      if (!substitute.isString())
        context.fail("D3012", "Attempted to replace a matched string with a non-string value");
      out.append(substitute.string());
    }
    context.checkResultSize(out.size());
    position = m.end;
  }
  out.append(str.substr(position));
  return Value::string(std::move(out));
}

Value uriResult(CallContext& context, std::string_view input, const std::optional<std::string>& result) {
  if (!result) {
    context.fail("D3140", "Malformed URL passed to $" + std::string(context.functionName()) + "(): \"" +
                              std::string(input) + "\"");
  }
  return Value::string(*result);
}

// Registers `name` for a function of one string (undefined in, undefined out).
template <class F>
void addStringToValue(FunctionRegistry& registry, std::string_view name, std::string_view signature, F f) {
  registry.add(name, signature, [f](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return f(context, args[0].string());
  });
}

}  // namespace

void registerStringFunctions(FunctionRegistry& registry) {
  addStringToValue(registry, "length", "<s-:n>", [](CallContext&, std::string_view s) {
    return Value::number(static_cast<double>(utf8::length(s)));
  });
  registry.add("substring", "<s-nn?:s>", [](CallContext&, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return substring(args[0].string(), args[1].number(), optionalNumber(args, 2));
  });
  registry.add("substringBefore", "<s-s:s>", [](CallContext&, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    std::string_view str = args[0].string(), chars = args[1].isString() ? args[1].string() : "";
    std::size_t at = str.find(chars);
    return at == std::string_view::npos ? args[0] : Value::string(str.substr(0, at));
  });
  registry.add("substringAfter", "<s-s:s>", [](CallContext&, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    std::string_view str = args[0].string(), chars = args[1].isString() ? args[1].string() : "";
    std::size_t at = str.find(chars);
    return at == std::string_view::npos ? args[0] : Value::string(str.substr(at + chars.size()));
  });
  addStringToValue(registry, "uppercase", "<s-:s>",
                   [](CallContext&, std::string_view s) { return Value::string(changeCase(s, true)); });
  addStringToValue(registry, "lowercase", "<s-:s>",
                   [](CallContext&, std::string_view s) { return Value::string(changeCase(s, false)); });
  addStringToValue(registry, "trim", "<s-:s>",
                   [](CallContext&, std::string_view s) { return Value::string(normalizeSpace(s)); });
  registry.add("pad", "<s-ns?:s>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return pad(context, args[0].string(), args[1].number(), args[2].isString() ? args[2].string() : " ");
  });
  registry.add("contains", "<s-(sf):b>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return Value::boolean(containsMatch(context, args[1], args[0].string()));
  });
  registry.add("split", "<s-(sf)n?:a<s>>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return split(context, args[0].string(), args[1], args[2]);
  });
  registry.add("join", "<a<s>s?:s>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    std::string_view separator = args[1].isString() ? args[1].string() : "";
    std::string out;
    for (std::size_t i = 0; i < args[0].size(); ++i) {
      if (i > 0) out.append(separator);
      out.append(args[0].at(i).string());
      context.checkResultSize(out.size());
    }
    return Value::string(std::move(out));
  });
  registry.add("match", "<s-f<s:o>n?:a<o>>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return match(context, args[0].string(), args[1], args[2]);
  });
  registry.add("replace", "<s-(sf)(sf)n?:s>", [](CallContext& context, std::span<const Value> args) -> Value {
    if (args[0].isUndefined()) return Value();
    return replace(context, args[0].string(), args[1], args[2], args[3]);
  });
  addStringToValue(registry, "base64encode", "<s-:s>",
                   [](CallContext&, std::string_view s) { return Value::string(text::base64Encode(s)); });
  addStringToValue(registry, "base64decode", "<s-:s>",
                   [](CallContext&, std::string_view s) { return Value::string(text::base64Decode(s)); });
  addStringToValue(registry, "encodeUrlComponent", "<s-:s>", [](CallContext& context, std::string_view s) {
    return uriResult(context, s, text::encodeUri(s, true));
  });
  addStringToValue(registry, "encodeUrl", "<s-:s>", [](CallContext& context, std::string_view s) {
    return uriResult(context, s, text::encodeUri(s, false));
  });
  addStringToValue(registry, "decodeUrlComponent", "<s-:s>", [](CallContext& context, std::string_view s) {
    return uriResult(context, s, text::decodeUri(s, true));
  });
  addStringToValue(registry, "decodeUrl", "<s-:s>", [](CallContext& context, std::string_view s) {
    return uriResult(context, s, text::decodeUri(s, false));
  });
}

}  // namespace stepsim::jsonata
