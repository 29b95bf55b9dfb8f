// The HTML report inlines every file the console page loads and embeds the data so that nothing
// in it can end its <script> element.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/console/console_assets.h"
#include "emulator/console/report_page.h"

using stepsim::Json;
using stepsim::console::consoleAssets;
using stepsim::console::contentTypeOf;
using stepsim::console::findConsoleAsset;
using stepsim::console::reportPage;

TEST_CASE("the embedded assets are sorted, found by path and typed by extension") {
  const auto& assets = consoleAssets();
  REQUIRE_FALSE(assets.empty());
  for (std::size_t i = 1; i < assets.size(); ++i) CHECK(assets[i - 1].path < assets[i].path);
  for (const auto& asset : assets) CHECK(findConsoleAsset(asset.path) == &asset);
  CHECK(findConsoleAsset("no/such/file.js") == nullptr);
  CHECK(findConsoleAsset("") == nullptr);
  REQUIRE(findConsoleAsset("index.html") != nullptr);
  CHECK(contentTypeOf("index.html").starts_with("text/html"));
  REQUIRE(findConsoleAsset("vendor/dagre.min.js") != nullptr);
  CHECK(contentTypeOf("vendor/dagre.min.js").starts_with("text/javascript"));
  CHECK(contentTypeOf("console.css").starts_with("text/css"));
  CHECK(contentTypeOf("x.unknown") == "application/octet-stream");
  CHECK(findConsoleAsset("vendor/dagre.LICENSE.txt") != nullptr);
}

TEST_CASE("the report page loads nothing: every script and style of index.html is inlined") {
  std::string page = reportPage({{"title", "t"}, {"scenarios", Json::array()}});
  CHECK(page.find("src=\"/_stepsim/ui/assets/") == std::string::npos);
  CHECK(page.find("href=\"/_stepsim/ui/assets/") == std::string::npos);
  std::string_view index = findConsoleAsset("index.html")->content;
  // Every script index.html names is in the page (its first line, at least).
  for (const auto& asset : consoleAssets()) {
    if (!asset.path.ends_with(".js")) continue;
    bool named = index.find("/_stepsim/ui/assets/" + std::string(asset.path) + "\"") != std::string_view::npos;
    std::string_view firstLine = asset.content.substr(0, asset.content.find('\n'));
    if (named && firstLine.find("</") == std::string_view::npos)
      CHECK(page.find(firstLine) != std::string::npos);
  }
  // The data comes before the first script that reads it.
  CHECK(page.find("window.STEPSIM_REPORT = ") < page.find("<script>\n"));
}

TEST_CASE("report data cannot close its script element or open a comment") {
  Json report = {{"title", "</script><script>alert(1)</script>"},
                 {"scenarios", Json::array({{{"name", "<!-- </SCRIPT >"}}})}};
  std::string page = reportPage(report);
  std::size_t data = page.find("window.STEPSIM_REPORT = ");
  REQUIRE(data != std::string::npos);
  std::size_t end = page.find("</script>", data);
  std::string script = page.substr(data, end - data);
  CHECK(script.find('<') == std::string::npos);
  CHECK(script.find("\\u003c/script>\\u003cscript>alert(1)") != std::string::npos);
  CHECK(script.find("\\u003c!-- \\u003c/SCRIPT >") != std::string::npos);
}
