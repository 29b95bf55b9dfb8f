#include "emulator/http/driven_run.h"

namespace stepsim::http {

void runDriven(app::Emulator& emulator, std::function<ServerOptions::DriveStep()> drive,
               std::string nodeSdk, std::shared_ptr<lambda::WarmRuntimes> warmRuntimes) {
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.handleSignals = false;
  options.drive = std::move(drive);
  options.nodeSdk = std::move(nodeSdk);
  options.warmRuntimes = std::move(warmRuntimes);
  Server server(emulator, std::move(options));
  server.listen();
  server.run();
}

}  // namespace stepsim::http
