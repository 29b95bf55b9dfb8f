#pragma once
// The web console on the server's own port. Every page has a URL the server answers, typed or
// opened from a log line; the page then reads the services through their real APIs:
//   /_stepsim/ui/                                  state machines
//   /_stepsim/ui/state-machines/<stateMachineArn>  the graph, executions, "New execution"
//   /_stepsim/ui/executions/<executionArn>         the coloured graph, events, step I/O, timeline
//   /_stepsim/ui/jobs, /_stepsim/ui/functions[/<name>]
//   /_stepsim/ui/assets/<file>                     the embedded page files (console_assets.h)
// A browser opening "/" (or /_stepsim/ui) is redirected to /_stepsim/ui/. The console only reads
// and starts what the APIs offer anyway; the request guard keeps other origins out, and the pages
// forbid framing so no other site can make a user click in them.
#include <string>
#include <string_view>

namespace stepsim::app {
class Emulator;
}

namespace stepsim::console {

struct ConsoleOptions {
  // Read the page files (not the vendored libraries) from this folder on every request instead of
  // the embedded copies: for working on the console without rebuilding. Empty: embedded.
  std::string assetDir;
};

void addConsoleEndpoints(app::Emulator& emulator, ConsoleOptions options);

// "<baseUrl>/_stepsim/ui/executions/<executionArn>".
std::string executionPageUrl(std::string_view baseUrl, std::string_view executionArn);

// Logs each execution's console URL at info as it starts ("execution ARN started: URL").
void logExecutionPages(app::Emulator& emulator, std::string baseUrl);

}  // namespace stepsim::console
