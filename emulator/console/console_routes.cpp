#include "emulator/console/console_routes.h"

#include <array>
#include <fstream>
#include <optional>
#include <sstream>

#include <spdlog/spdlog.h>

#include "emulator/app/emulator.h"
#include "emulator/console/console_assets.h"

namespace stepsim::console {

namespace {

using protocol::HttpRequest;
using protocol::HttpResponse;

constexpr std::string_view kRoot = "/_stepsim/ui/";
constexpr std::string_view kAssets = "assets/";

HttpResponse redirect(std::string location) {
  HttpResponse response;
  response.status = 302;
  response.setHeader("Location", std::move(location));
  return response;
}

// Console answers may not be framed by another site (a framed "Start execution" button could be
// clicked for the user), and run only the console's own scripts.
HttpResponse consoleAnswer(int status, std::string_view contentType, std::string body) {
  HttpResponse response;
  response.status = status;
  response.setHeader("Content-Type", std::string(contentType));
  response.setHeader("Cache-Control", "no-cache");
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("X-Frame-Options", "DENY");
  response.setHeader("Content-Security-Policy",
                     "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                     "frame-ancestors 'none'");
  response.body = std::move(body);
  return response;
}

HttpResponse notFound(std::string_view what) {
  return consoleAnswer(404, "text/html; charset=utf-8",
                       "<!doctype html><title>Not found</title><p>The console has no page " +
                           std::string(what) +
                           ". <a href=\"/_stepsim/ui/\">State machines</a></p>");
}

// A page of the console's: the paths the page script routes, each answered with index.html.
bool isPagePath(std::string_view rest) {
  static constexpr std::array<std::string_view, 3> kPagesWithArgument = {
      "executions/", "functions/", "state-machines/"};
  if (rest.empty() || rest == "jobs" || rest == "functions" || rest == "stacks") return true;
  for (std::string_view prefix : kPagesWithArgument)
    if (rest.starts_with(prefix) && rest.size() > prefix.size()) return true;
  return false;
}

// A page file from the development folder, when one is set and holds it.
std::optional<std::string> fileFromDisk(const ConsoleOptions& options, std::string_view path) {
  if (options.assetDir.empty() || path.starts_with("vendor/") ||
      path.find("..") != std::string_view::npos)
    return std::nullopt;
  std::ifstream file(options.assetDir + "/" + std::string(path), std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

HttpResponse asset(const ConsoleOptions& options, std::string_view path) {
  const ConsoleAsset* embedded = findConsoleAsset(path);
  if (std::optional<std::string> text = fileFromDisk(options, path))
    return consoleAnswer(200, contentTypeOf(path), std::move(*text));
  if (!embedded) return notFound(std::string(kRoot) + std::string(kAssets) + std::string(path));
  return consoleAnswer(200, contentTypeOf(path), std::string(embedded->content));
}

HttpResponse servePage(const ConsoleOptions& options, const HttpRequest& request) {
  if (request.method != "GET" && request.method != "HEAD")
    return consoleAnswer(405, "text/plain; charset=utf-8", "The console's pages answer GET\n");
  std::string_view rest = request.path().substr(kRoot.size());
  if (rest.starts_with(kAssets)) return asset(options, rest.substr(kAssets.size()));
  if (!isPagePath(rest)) return notFound(request.path());
  return asset(options, "index.html");
}

}  // namespace

void addConsoleEndpoints(app::Emulator& emulator, ConsoleOptions options) {
  emulator.addControlEndpoint("/", [](const HttpRequest&) { return redirect(std::string(kRoot)); });
  emulator.addControlEndpoint("/_stepsim/ui",
                              [](const HttpRequest&) { return redirect(std::string(kRoot)); });
  emulator.addControlPrefix(std::string(kRoot),
                            [options = std::move(options)](const HttpRequest& request) {
                              return servePage(options, request);
                            });
}

std::string executionPageUrl(std::string_view baseUrl, std::string_view executionArn) {
  return std::string(baseUrl) + std::string(kRoot) + "executions/" + std::string(executionArn);
}

void logExecutionPages(app::Emulator& emulator, std::string baseUrl) {
  emulator.setExecutionStartObserver([baseUrl = std::move(baseUrl)](const std::string& arn) {
    spdlog::info("execution {} started: {}", arn, executionPageUrl(baseUrl, arn));
  });
}

}  // namespace stepsim::console
