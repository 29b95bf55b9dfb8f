#pragma once
// Sets a scenario's world up in an emulator: Batch resources, Lambda functions, state machines,
// activities, job lifecycle rules, scripted Lambda responses and the mock config — through the
// same requests a client would send, so the services validate them as they validate clients.
#include "emulator/app/emulator.h"
#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

// Throws ScenarioError at the resource a service refused.
void buildWorld(const Scenario& scenario, app::Emulator& emulator);

}  // namespace stepsim::scenario
