#pragma once
// The HTTP/1.1 front door: one listening socket, one session per connection, and the host loop that
// drives the simulation's clock. One thread runs both the I/O and the simulation, so the Emulator
// is only ever touched from that thread. Boost stays inside server.cpp; this header shows none of
// it.
//
//   http::Server server(emulator, options);
//   std::uint16_t port = server.listen();   // binds; throws std::runtime_error on failure
//   server.run();                           // until SIGINT/SIGTERM (or stop()), then drains
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace stepsim::lambda {
class WarmRuntimes;
}
namespace stepsim::app {
class Emulator;
}

namespace stepsim::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 4566;                 // 0 picks a free port
  // Who else may talk to the server: see request_guard.h.
  std::vector<std::string> allowedHosts;    // --allow-host
  std::vector<std::string> allowedOrigins;  // --allow-origin
  std::size_t bodyLimit = 16 * 1024 * 1024;  // larger bodies get 413 and the connection closes
  std::size_t headerLimit = 64 * 1024;       // larger request heads get 431 and close
  // Idle time allowed between requests, and the time allowed to receive one request or send one
  // response; when it runs out the connection closes.
  std::chrono::milliseconds readTimeout{60'000};
  // How long in-flight requests may take to finish after SIGINT/SIGTERM before the server gives up.
  std::chrono::milliseconds shutdownGrace{5'000};
  bool handleSignals = true;
  // A node_modules holding the AWS SDK for JavaScript v3 for Node functions; empty: none.
  std::string nodeSdk;
  // What workers start warm from; null: they start cold. Shared: one serves every server of a
  // `stepsim run`.
  std::shared_ptr<lambda::WarmRuntimes> warmRuntimes;
  // Runs once on the serving thread just after serving begins, when nothing else is waiting: work
  // that would otherwise slow the first request (loading service models) without delaying startup.
  std::function<void()> warmUp;
  // A driver that runs on the serving thread alongside requests (a scenario run whose functions
  // run real code): called again at once after Again, after a millisecond of I/O after AfterIo;
  // Done shuts the server down.
  enum class DriveStep { Again, AfterIo, Done };
  std::function<DriveStep()> drive;
};

class Server {
 public:
  Server(app::Emulator& emulator, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. Throws std::runtime_error when that fails.
  std::uint16_t listen();
  // Serves on the calling thread until shutdown completes.
  void run();
  // Begins a graceful shutdown, as SIGTERM would. Call it from the serving thread (a handler).
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace stepsim::http
