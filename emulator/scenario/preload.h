#pragma once
// A scenario's world in a running server: `stepsim serve --scenario FILE` and
// POST /_stepsim/scenario set up its resources, lifecycle rules, scripted responses and mock config
// (not its timeline or expectations; the server's own seed and clock stay).
#include <functional>

#include "emulator/app/emulator.h"
#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

// Sets up a checked scenario's world in the server (throws ScenarioError, with nothing set up).
using Preload = std::function<void(const Scenario&)>;

// Registers on `emulator`:
//   POST /_stepsim/scenario: the body is a scenario document; relative paths in it start at the
//     server's working directory. 200 with {"name", "stateMachines": [ARN...]}; a scenario that
//     cannot be used is a 400 whose message names the JSON pointer, and nothing of it is set up
//     (it is checked in a scratch emulator first);
//   GET /_stepsim/console/example-inputs: {"inputs": {"<stateMachineArn>": "<JSON text>"}}, the
//     input each preloaded scenario's timeline first starts a state machine with, which the
//     console's "New execution" form offers.
// Returns the preload both use, for --scenario.
Preload addScenarioEndpoints(app::Emulator& emulator);

}  // namespace stepsim::scenario
