#pragma once
// A scenario's world in a running server: `stepsim serve --scenario FILE` and
// POST /_stepsim/scenario set up its resources, lifecycle rules, scripted responses and mock config
// (not its timeline or expectations; the server's own seed and clock stay).
#include "emulator/app/emulator.h"
#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

// Registers POST /_stepsim/scenario on `emulator`: the body is a scenario document; relative paths
// in it start at the server's working directory. 200 with {"name", "stateMachines": [ARN...]};
// a scenario that cannot be used is a 400 whose message names the JSON pointer, and nothing of
// it is set up (it is checked in a scratch emulator first).
void addScenarioEndpoint(app::Emulator& emulator);

}  // namespace stepsim::scenario
