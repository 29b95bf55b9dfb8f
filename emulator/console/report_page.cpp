#include "emulator/console/report_page.h"

#include <cctype>
#include <string_view>

#include "emulator/console/console_assets.h"
#include "emulator/core/json_text.h"
#include "emulator/protocol/http_message.h"

namespace stepsim::console {

namespace {

constexpr std::string_view kAssetUrl = "/_stepsim/ui/assets/";

// Text placed inside <script> or <style> must not close the element early.
std::string escapedForElement(std::string_view text, std::string_view element) {
  std::string closing = "</" + std::string(element);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && protocol::equalsIgnoreCase(text.substr(i, closing.size()), closing)) {
      out += "<\\/";
      ++i;
      continue;
    }
    out += text[i];
  }
  return out;
}

// The asset a line of index.html loads (`<script src="URL"></script>` or `<link rel="stylesheet"
// href="URL">` on its own line), or nullptr.
const ConsoleAsset* loadedAsset(std::string_view line, std::string_view before,
                                std::string_view after) {
  std::size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return nullptr;
  line.remove_prefix(start);
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
    line.remove_suffix(1);
  std::string prefix = std::string(before) + std::string(kAssetUrl);
  if (!line.starts_with(prefix) || !line.ends_with(after)) return nullptr;
  line.remove_prefix(prefix.size());
  line.remove_suffix(after.size());
  return findConsoleAsset(line);
}

// The data as a script: JSON with every "<" escaped, so no text in it can end the element.
std::string dataScript(const stepsim::Json& report) {
  std::string text = core::serializeJson(report);
  std::string out = "<script>window.STEPSIM_REPORT = ";
  for (char c : text) out += c == '<' ? std::string("\\u003c") : std::string(1, c);
  return out + ";</script>\n";
}

}  // namespace

std::string reportPage(const stepsim::Json& report) {
  const ConsoleAsset* page = findConsoleAsset("index.html");
  std::string_view html = page ? page->content : std::string_view("<!doctype html>\n");
  std::string out;
  bool dataWritten = false;
  while (!html.empty()) {
    std::size_t end = html.find('\n');
    std::string_view line = html.substr(0, end == std::string_view::npos ? html.size() : end + 1);
    html.remove_prefix(line.size());
    if (const ConsoleAsset* script = loadedAsset(line, "<script src=\"", "\"></script>")) {
      if (!dataWritten) out += dataScript(report);
      dataWritten = true;
      out += "<script>\n" + escapedForElement(script->content, "script") + "\n</script>\n";
    } else if (const ConsoleAsset* style =
                   loadedAsset(line, "<link rel=\"stylesheet\" href=\"", "\">")) {
      out += "<style>\n" + escapedForElement(style->content, "style") + "\n</style>\n";
    } else {
      out += line;
    }
  }
  if (!dataWritten) out += dataScript(report);
  return out;
}

}  // namespace stepsim::console
