#include "emulator/cloudformation/template/template_body.h"

#include <algorithm>
#include <string>

#include "emulator/cloudformation/template/template_error.h"
#include "emulator/cloudformation/template/template_text.h"
#include "emulator/cloudformation/template/yaml_template.h"
#include "emulator/core/json_text.h"

namespace stepsim::cfn {
namespace {

constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

// "(line 3, column 5)" for a byte offset, both counted from 1.
std::string positionText(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const std::size_t lineStart = before.rfind('\n');
  const std::size_t column = offset - (lineStart == std::string_view::npos ? 0 : lineStart + 1) + 1;
  return "(line " + std::to_string(line) + ", column " + std::to_string(column) + ")";
}

stepsim::Json parseJsonTemplate(std::string_view body) {
  // nlohmann's parser recurses once per level: refuse deep bodies before it sees them.
  if (const auto tooDeep = core::tooDeepAt(body, kMaxTemplateDepth))
    throw TemplateError(
        "Template format error: JSON not well-formed. The template nests deeper than " +
        std::to_string(kMaxTemplateDepth) + " levels " + positionText(body, *tooDeep));
  try {
    return stepsim::Json::parse(body.begin(), body.end());
  } catch (const nlohmann::json::parse_error& error) {
    // error.byte counts from 1 and points just past the offending character.
    const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    throw TemplateError("Template format error: JSON not well-formed. " +
                        positionText(body, offset));
  } catch (const nlohmann::json::exception&) {
    // out_of_range: a number past a double's range (1e400), which nlohmann refuses after lexing.
    throw TemplateError(
        "Template format error: JSON not well-formed. A number is out of range of a double.");
  }
}

bool looksLikeJson(std::string_view body) {
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && body[first] == '{';
}

}  // namespace

stepsim::Json parseTemplateBody(std::string_view body) {
  if (body.size() > kMaxBodyBytes)
    throw TemplateError("Template format error: The template body is larger than the maximum of " +
                        std::to_string(kMaxBodyBytes) + " bytes.");
  return looksLikeJson(body) ? parseJsonTemplate(body) : parseYamlTemplate(body);
}

}  // namespace stepsim::cfn
