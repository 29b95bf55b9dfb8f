#include "emulator/stepfunctions/definition/json_parse_error.h"

#include <cctype>

#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/core/utf8.h"

namespace stepsim::sfn {

namespace {

bool isTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// Jackson's "[Source: ...]": the text (cut at 500 characters, as Jackson cuts it) and the
// 1-based line and column of `offset`.
std::string sourceAt(std::string_view text, std::size_t offset) {
  constexpr std::size_t kShown = 500;
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  std::string_view shown = core::utf8Truncate(text, kShown);  // never half a character
  std::string cut = text.size() > shown.size()
                        ? "[truncated " + std::to_string(core::utf8Length(text.substr(shown.size()))) +
                              " chars]"
                        : "";
  return "[Source: (String)\"" + std::string(shown) + "\"" + cut + "; line: " + std::to_string(line) +
         ", column: " + std::to_string(column) + "]";
}

std::string quotedChar(char c) {
  return "'" + std::string(1, c) + "' (code " + std::to_string(static_cast<unsigned char>(c)) + ")";
}

}  // namespace

JsonParseError describeJsonParseError(std::string_view text) {
  // Too deep to parse safely: said without building the value (nlohmann would build it whole).
  if (std::optional<std::size_t> at = core::tooDeepAt(text))
    return {"Document nesting depth exceeds the maximum allowed (" +
                std::to_string(core::kMaxClientJsonDepth) + ")",
            sourceAt(text, *at + 1)};
  try {
    stepsim::Json parsed = stepsim::Json::parse(text);  // for the error's position only
  } catch (const stepsim::Json::parse_error& e) {
    std::string what = e.what();
    std::size_t last = e.byte > 0 ? std::min<std::size_t>(e.byte - 1, text.size()) : 0;
    if (last >= text.size())
      return {"Unexpected end-of-input", sourceAt(text, text.size())};
    if (what.find("while parsing object key") != std::string::npos)
      return {"Unexpected character (" + quotedChar(text[last]) +
                  "): was expecting double-quote to start field name",
              sourceAt(text, last + 1)};
    if (what.find("invalid literal") != std::string::npos && isTokenChar(text[last])) {
      std::size_t begin = last, end = last;
      while (begin > 0 && isTokenChar(text[begin - 1])) --begin;
      while (end < text.size() && isTokenChar(text[end])) ++end;
      return {"Unrecognized token '" + std::string(text.substr(begin, end - begin)) +
                  "': was expecting (JSON String, Number, Array, Object or token 'null', 'true' "
                  "or 'false')",
              sourceAt(text, end)};
    }
    return {"Unexpected character (" + quotedChar(text[last]) + ")", sourceAt(text, last + 1)};
  } catch (const stepsim::Json::exception&) {
    // Not a syntax error: a number too large for a double (1e999), and the like.
  }
  return {"The text is not valid JSON", sourceAt(text, 0)};  // refused for another reason
}

namespace {

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::string invalidExecutionInputMessage(std::string_view text) {
  return "Invalid State Machine Execution Input: '" +
         (blank(text) ? std::string("Invalid execution input.") : describeJsonParseError(text).message) +
         "'";
}

DefinitionParseDiagnostic definitionParseDiagnostic(std::string_view text) {
  if (blank(text)) return {"SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object", ""};
  JsonParseError parse = describeJsonParseError(text);
  return {"INVALID_JSON_DESCRIPTION", parse.message + "\n at " + parse.source, parse.source};
}

}  // namespace stepsim::sfn
