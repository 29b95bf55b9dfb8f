#include "emulator/jsonata/functions/pattern_match.h"

#include <algorithm>

#include "emulator/jsonata/functions/utf8.h"
#include "emulator/jsonata/regex.h"

namespace stepsim::jsonata {

namespace {

PatternMatch regexMatch(const Regex::Match& found, std::string_view subject) {
  PatternMatch match{found.start, found.end, {}};
  match.groups.reserve(found.groups.size());
  for (const auto& group : found.groups) {
    match.groups.push_back(group ? Value::string(subject.substr(group->start, group->end - group->start)) : Value());
  }
  return match;
}

// jsonata-js's regex matcher: the first match may be empty; each `next` search starts where the
// previous match ended, there is none past the end of the subject, and an empty `next` match is
// D1004 (it would never progress). Callers ask for `next` after every match they take, even the
// last one they want, so that search is made (and may fail) too.
std::vector<PatternMatch> regexMatches(CallContext& context, const Regex& regex, std::string_view subject,
                                       std::optional<std::size_t> limit) {
  std::vector<PatternMatch> matches;
  std::size_t from = 0;
  for (bool first = true;; first = false) {
    auto found = regex.search(subject, from, context.limits(), context.position());
    if (!found) break;
    if (!first && found->start == found->end) context.fail("D1004", "Regular expression matches zero length string");
    if (limit && matches.size() >= *limit) break;
    context.countSteps(1);
    matches.push_back(regexMatch(*found, subject));
    if (found->end >= subject.size()) break;
    from = found->end;
  }
  return matches;
}

// Whether JavaScript counts `value` as true (jsonata-js tests a matcher's result that way).
bool javascriptTruthy(const Value& value) {
  switch (value.type()) {
    case ValueType::Undefined:
    case ValueType::Null: return false;
    case ValueType::Boolean: return value.boolean();
    case ValueType::Number: return value.number() != 0 && value.number() == value.number();
    case ValueType::String: return !value.string().empty();
    default: return true;
  }
}

// Calls a matcher function (or a match's `next`). Anything it answers that is not "no match" must
// look like a match object, as jsonata-js's evaluateMatcher requires (T1010): $uppercase is no matcher.
Value callMatcher(CallContext& context, const Value& matcher, std::span<const Value> args) {
  Value found = context.apply(matcher, args);
  if (!javascriptTruthy(found)) return found;
  bool matchLike = found.isObject() && (found.get("start").isNumber() || found.get("groups").isArray() ||
                                        found.get("next").isFunction());
  if (!matchLike)
    context.fail("T1010", "The matcher function argument passed to function " + std::string(context.functionName()) +
                              " does not return the correct object structure");
  return found;
}

// A matcher function: called with the subject, each result's `next` gives the following match.
std::vector<PatternMatch> customMatches(CallContext& context, const Value& matcher, std::string_view subject,
                                        std::optional<std::size_t> limit) {
  std::vector<PatternMatch> matches;
  Value argument = Value::string(subject);
  Value found = callMatcher(context, matcher, std::span<const Value>(&argument, 1));
  while (found.isObject() && !(limit && matches.size() >= *limit)) {
    context.countSteps(1);
    const Value start = found.get("start"), end = found.get("end");
    PatternMatch match;
    match.start = byteOffsetOf(subject, start.isNumber() ? start.number() : 0);
    match.end = std::max(match.start, byteOffsetOf(subject, end.isNumber() ? end.number() : 0));
    match.groups = found.get("groups").items();
    matches.push_back(std::move(match));
    Value next = found.get("next");
    if (!next.isFunction()) break;
    found = callMatcher(context, next, {});
  }
  return matches;
}

}  // namespace

std::vector<PatternMatch> findMatches(CallContext& context, const Value& pattern, std::string_view subject,
                                      std::optional<std::size_t> limit) {
  std::vector<PatternMatch> matches;
  if (limit && *limit == 0) return matches;
  if (pattern.isString()) {
    std::string_view literal = pattern.string();
    if (literal.empty()) return matches;
    for (std::size_t at = subject.find(literal); at != std::string_view::npos;
         at = subject.find(literal, at + literal.size())) {
      matches.push_back(PatternMatch{at, at + literal.size(), {}});
      if (limit && matches.size() >= *limit) break;
    }
    return matches;
  }
  if (const Regex* regex = pattern.regex()) return regexMatches(context, *regex, subject, limit);
  return customMatches(context, pattern, subject, limit);
}

bool containsMatch(CallContext& context, const Value& pattern, std::string_view subject) {
  if (pattern.isString()) return subject.find(pattern.string()) != std::string_view::npos;
  if (const Regex* regex = pattern.regex())
    return regex->search(subject, 0, context.limits(), context.position()).has_value();
  Value argument = Value::string(subject);
  return callMatcher(context, pattern, std::span<const Value>(&argument, 1)).isObject();
}

std::size_t javascriptIndex(std::string_view subject, std::size_t byteOffset) {
  std::size_t units = 0;
  for (std::size_t offset = 0; offset < byteOffset && offset < subject.size();)
    units += utf8::decode(subject, offset) >= 0x10000 ? 2 : 1;
  return units;
}

std::size_t byteOffsetOf(std::string_view subject, double javascriptIndex) {
  std::size_t offset = 0;
  for (double units = 0; units < javascriptIndex && offset < subject.size();)
    units += utf8::decode(subject, offset) >= 0x10000 ? 2 : 1;
  return offset;
}

}  // namespace stepsim::jsonata
