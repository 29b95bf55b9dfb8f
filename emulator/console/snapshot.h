#pragma once
// What the console shows of an emulator, gathered at once for a static report (`stepsim run
// --html`): the same API answers the live page reads, asked in-process.
#include "emulator/core/json.h"

namespace stepsim::app {
class Emulator;
}

namespace stepsim::console {

// {"clock": {...}, "stateMachines": [DescribeStateMachine], "executions": [{"describe":
//  DescribeExecution, "events": [history events]}], "jobs": [job status histories], "functions":
//  [ListFunctions items], "logGroups": {"/aws/lambda/<fn>": [FilterLogEvents events]}}
stepsim::Json consoleSnapshot(app::Emulator& emulator);

}  // namespace stepsim::console
