#pragma once
// The built-in demo (`stepsim demo`, and `stepsim` with no subcommand): the Step Functions "Job
// Status Poller" sample in one process, without sockets. It sets up Batch, the SubmitJob and
// CheckJob functions (built-in fakes) and the classic state machine through the same requests a
// client sends, runs the execution on the auto clock, and prints its history: ten virtual minutes
// of polling in milliseconds. Returns the process exit code.
#include <cstdio>

namespace stepsim::app {

int runJobPollerDemo(std::FILE* out);

}  // namespace stepsim::app
