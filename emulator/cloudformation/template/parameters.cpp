#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <sstream>

#include "emulator/cloudformation/template/intrinsics.h"
#include "emulator/cloudformation/template/parameter_types.h"
#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"

namespace stepsim::cfn {
namespace {

// CloudFormation's quota on a parameter value; it also bounds the pattern match below.
constexpr std::size_t kMaxValueBytes = 4096;
// A pattern is compiled by a recursive parser: keep hostile ones small and shallow.
constexpr std::size_t kMaxPatternBytes = 4096;
constexpr std::size_t kMaxPatternNesting = 64;
// The most matching one value may cost, in pattern states times characters: well above any real
// pattern ("[a-z0-9-]{1,63}" against 63 characters is 4,000), a fraction of a second.
constexpr std::size_t kMaxPatternWork = std::size_t{1} << 21;

std::string quoted(const ParameterDeclaration& parameter) {
  return "Parameter '" + parameter.name + "'";
}

// 5 -> "5", 2.5 -> "2.5".
std::string numberText(double number) {
  std::ostringstream text;
  text.precision(15);
  text << number;
  return text.str();
}

void checkAllDeclared(const StackTemplate& stackTemplate,
                      const std::map<std::string, std::string>& given) {
  std::vector<std::string> undeclared;
  for (const auto& entry : given) {
    // Not a structured binding: clang 14 cannot capture one in the lambda.
    const std::string& name = entry.first;
    const bool declared =
        std::any_of(stackTemplate.parameters.begin(), stackTemplate.parameters.end(),
                    [&name](const ParameterDeclaration& p) { return p.name == name; });
    if (!declared) undeclared.push_back(name);
  }
  if (!undeclared.empty())
    throw TemplateError("Parameters: [" + joinNames(undeclared) + "] do not exist in the template");
}

void checkAllHaveValues(const StackTemplate& stackTemplate,
                        const std::map<std::string, std::string>& given) {
  std::vector<std::string> missing;
  for (const ParameterDeclaration& parameter : stackTemplate.parameters)
    if (!given.count(parameter.name) && !parameter.defaultValue) missing.push_back(parameter.name);
  if (!missing.empty())
    throw TemplateError("Parameters: [" + joinNames(missing) + "] must have values");
}

std::size_t patternNesting(std::string_view pattern) {
  std::size_t depth = 0, deepest = 0;
  for (const char c : pattern) {
    if (c == '(') deepest = std::max(deepest, ++depth);
    if (c == ')' && depth > 0) --depth;
  }
  return deepest;
}

// The number of states a pattern compiles to, roughly: one per atom and operator, with counted
// repetitions copying what they repeat ("a{1,1000}" is a thousand states). Saturates.
std::size_t patternStates(std::string_view pattern) {
  constexpr std::size_t kSaturated = std::size_t{1} << 40;
  struct Group {
    std::size_t states = 0, last = 0;  // the group's states so far; those of its last atom
  };
  std::vector<Group> groups(1);
  auto add = [&](std::size_t atom) {
    groups.back().states = std::min(kSaturated, groups.back().states + atom);
    groups.back().last = atom;
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
      add(1);
    } else if (c == '[') {
      for (i += (i + 1 < pattern.size() && pattern[i + 1] == ']') ? 2 : 1;
           i < pattern.size() && pattern[i] != ']'; ++i)
        if (pattern[i] == '\\') ++i;
      add(1);
    } else if (c == '(') {
      groups.emplace_back();
      if (i + 2 < pattern.size() && pattern[i + 1] == '?') i += 2;  // (?: (?= (?!
    } else if (c == ')' && groups.size() > 1) {
      const std::size_t states = groups.back().states + 1;
      groups.pop_back();
      add(states);
    } else if (c == '{' && groups.back().last > 0 && pattern.find('}', i) != pattern.npos) {
      const std::size_t close = pattern.find('}', i);
      std::size_t copies = 0, low = 0;  // {m}: m copies, {m,n}: n, {m,}: m + 1
      bool range = false;
      for (std::size_t j = i + 1; j < close; ++j) {
        if (std::isdigit(static_cast<unsigned char>(pattern[j]))) {
          copies = std::min(kSaturated, copies * 10 + (pattern[j] - '0'));
        } else {
          range = true;
          low = copies;
          copies = 0;
        }
      }
      if (range) copies = std::max(copies, low + 1);
      const std::size_t last = groups.back().last;
      groups.back().last = 0;
      add(last > kSaturated / std::max<std::size_t>(copies, 1) ? kSaturated : last * copies);
      i = close;
    } else {
      add(1);
    }
  }
  std::size_t states = 0;
  for (const Group& group : groups) states = std::min(kSaturated, states + group.states);
  return states;
}

// Java's String.matches semantics: the whole value must match. The polynomial (Thompson NFA)
// matcher keeps a hostile pattern from backtracking for ever; its work, states times characters,
// is bounded too ("a*a*a*...", or "a{1,1000}" four times, against 4096 characters took seconds).
bool matchesPattern(const ParameterDeclaration& parameter, const std::string& value) {
  const std::string& pattern = parameter.allowedPattern;
  if (pattern.size() > kMaxPatternBytes || patternNesting(pattern) > kMaxPatternNesting ||
      patternStates(pattern) > kMaxPatternWork / (value.size() + 1))
    throw TemplateError("Template format error: " + quoted(parameter) +
                        " AllowedPattern is too complex.");
  try {
    const std::regex compiled(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial);
    return std::regex_match(value, compiled);
  } catch (const std::regex_error&) {
    throw TemplateError("Template format error: " + quoted(parameter) +
                        " AllowedPattern is not a valid regular expression.");
  }
}

bool isAllowedValue(const ParameterDeclaration& parameter, const std::string& value) {
  return std::any_of(parameter.allowedValues.begin(), parameter.allowedValues.end(),
                     [&](const std::string& allowed) {
                       if (allowed == value) return true;
                       // 5 and 5.0 are the same Number.
                       return isNumericParameterType(parameter.type) && isDecimalNumber(allowed) &&
                              decimalValue(allowed) == decimalValue(value);
                     });
}

// The constraint `value` breaks, in CloudFormation's words; nullopt when it satisfies them all.
std::optional<std::string> brokenConstraint(const ParameterDeclaration& parameter,
                                            const std::string& value) {
  const std::string name = quoted(parameter);
  if (!parameter.allowedValues.empty() && !isAllowedValue(parameter, value))
    return name + " must be one of AllowedValues";
  if (!parameter.allowedPattern.empty() && !matchesPattern(parameter, value))
    return name + " must match pattern " + parameter.allowedPattern;
  const double length = static_cast<double>(characterCount(value));
  if (parameter.minLength && length < *parameter.minLength)
    return name + " must contain at least " + numberText(*parameter.minLength) + " characters";
  if (parameter.maxLength && length > *parameter.maxLength)
    return name + " must contain at most " + numberText(*parameter.maxLength) + " characters";
  if (!isNumericParameterType(parameter.type)) return std::nullopt;
  const double number = decimalValue(value);
  if (parameter.minValue && number < *parameter.minValue)
    return name + " must be a number not less than " + numberText(*parameter.minValue);
  if (parameter.maxValue && number > *parameter.maxValue)
    return name + " must be a number not greater than " + numberText(*parameter.maxValue);
  return std::nullopt;
}

// One value (a list parameter's element) against the declaration.
void checkValue(const ParameterDeclaration& parameter, const std::string& value) {
  if (isNumericParameterType(parameter.type) && !isDecimalNumber(value))
    throw TemplateError(quoted(parameter) + " must be a number");
  const auto broken = brokenConstraint(parameter, value);
  if (!broken) return;
  if (!parameter.constraintDescription.empty())
    throw TemplateError(quoted(parameter) +
                        " failed to satisfy constraint: " + parameter.constraintDescription);
  throw TemplateError(*broken);
}

stepsim::Json parameterValue(const ParameterDeclaration& parameter, const std::string& text) {
  if (text.size() > kMaxValueBytes)
    throw TemplateError(quoted(parameter) + " must contain at most " +
                        std::to_string(kMaxValueBytes) + " characters");
  if (!isListParameterType(parameter.type)) {
    checkValue(parameter, text);
    return text;
  }
  stepsim::Json list = stepsim::Json::array();
  for (std::string& element : splitText(text, ",")) {
    checkValue(parameter, element);
    list.push_back(std::move(element));
  }
  return list;
}

}  // namespace

std::map<std::string, stepsim::Json> resolveParameters(
    const StackTemplate& stackTemplate, const std::map<std::string, std::string>& given) {
  checkAllDeclared(stackTemplate, given);
  checkAllHaveValues(stackTemplate, given);
  std::map<std::string, stepsim::Json> values;
  for (const ParameterDeclaration& parameter : stackTemplate.parameters) {
    const auto found = given.find(parameter.name);
    values[parameter.name] =
        parameterValue(parameter, found != given.end() ? found->second : *parameter.defaultValue);
  }
  return values;
}

}  // namespace stepsim::cfn
