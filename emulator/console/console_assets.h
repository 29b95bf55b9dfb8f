#pragma once
// The web console's files, embedded at build time by tools/embed_console_assets.py: its page,
// styles and scripts (emulator/console/web) and the vendored front-end libraries with their
// licenses. Served under /_stepsim/ui/assets/ and inlined into `stepsim run --html` reports.
#include <string_view>
#include <vector>

namespace stepsim::console {

struct ConsoleAsset {
  std::string_view path;  // relative to web/: "index.html", "src/graph.js", "vendor/dagre.min.js"
  std::string_view content;
};

// Every asset, sorted by path (generated).
const std::vector<ConsoleAsset>& consoleAssets();
// The asset at `path`, or nullptr.
const ConsoleAsset* findConsoleAsset(std::string_view path);
// The Content-Type of a console file, by its extension.
std::string_view contentTypeOf(std::string_view path);

}  // namespace stepsim::console
