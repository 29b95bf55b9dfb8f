// Fuzz target: bytes as they arrive on the public port, through what a session does with them:
// Beast's request parser (with the server's limits), the request guard and the emulator's dispatch,
// then the timers that request made due. Any bytes: no crash, no exception out of dispatch, no
// hang, and every JSON answer is valid UTF-8 JSON. One input may hold several pipelined requests.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <spdlog/spdlog.h>

#include "emulator/app/emulator.h"
#include "emulator/core/json.h"
#include "emulator/http/request_guard.h"
#include "emulator/http/request_reader.h"
#include "emulator/http/server.h"

namespace {

using namespace stepsim;
namespace bhttp = boost::beast::http;

constexpr int kAutoSteps = 200;  // enough virtual time for a short execution, bounded per input

app::Emulator& emulator() {
  static app::Emulator* instance = [] {
    spdlog::set_level(spdlog::level::off);  // every refused request logs a warning: gigabytes per run
    return new app::Emulator(core::SimulationConfig{});
  }();
  return *instance;
}

// A JSON answer the client cannot parse (invalid UTF-8, truncated) is a finding.
void checkAnswer(const protocol::HttpResponse& response) {
  if (response.status < 100 || response.status > 599) std::abort();
  if (response.body.empty() || response.header("content-type").find("json") == std::string_view::npos)
    return;
  if (!stepsim::Json::accept(response.body)) std::abort();
}

void serve(protocol::HttpRequest& request) {
  static const http::RequestGuard guard(http::GuardOptions{});
  if (auto screened = guard.screen(request, "127.0.0.1")) return checkAnswer(*screened);
  emulator().dispatch(request, [](app::DispatchResult result) { checkAnswer(result.response); });
  core::Simulation& sim = emulator().simulation();
  sim.runDue();
  for (int i = 0; i < kAutoSteps && sim.autoStepPending(); ++i) sim.autoStep();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  emulator().reset();  // each input starts from an empty world, so a finding replays alone
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const http::ServerOptions limits;
  while (!input.empty()) {
    http::BeastParser parser;
    http::limitParser(parser, limits.bodyLimit, limits.headerLimit);
    parser.eager(true);
    boost::system::error_code ec;
    while (!parser.is_done() && !input.empty()) {
      std::size_t used = parser.put(boost::asio::buffer(input.data(), input.size()), ec);
      input.remove_prefix(used);
      if (ec == bhttp::error::need_more) {
        if (used == 0) break;  // what is left is not enough for the next piece
        ec = {};
        continue;
      }
      if (ec) break;
    }
    if (!parser.is_done() && !ec) parser.put_eof(ec);  // the connection closed here
    if (ec || !parser.is_done()) return 0;             // the server answers 400 and closes
    protocol::HttpRequest request;
    http::readRequest(parser.get(), request);
    serve(request);
  }
  return 0;
}
