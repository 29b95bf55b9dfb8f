#pragma once
// Runs an emulator behind a private loopback port while a driver moves it: for scenario runs whose
// Lambda functions run real code, which needs worker processes, their Runtime API endpoints and an
// endpoint to call the emulated services back on.
#include <functional>
#include <memory>
#include <string>

#include "emulator/app/emulator.h"
#include "emulator/http/server.h"

namespace stepsim::http {

// Returns when `drive` says Done (or the server could not listen: std::runtime_error).
void runDriven(app::Emulator& emulator, std::function<ServerOptions::DriveStep()> drive,
               std::string nodeSdk = {},
               std::shared_ptr<lambda::WarmRuntimes> warmRuntimes = nullptr);

}  // namespace stepsim::http
