#pragma once
// The built-in demo (`stepsim demo`, and `stepsim` with no subcommand): the Job Status Poller
// scenario (scenarios/job_poller/classic_happy_path.json and classic.asl.json, embedded at build
// time) run in one process without sockets, its timeline printed: ten virtual minutes of polling
// in milliseconds. Returns the process exit code (0 when the scenario's expectations hold).
#include <cstdio>

namespace stepsim::scenario {

int runJobPollerDemo(std::FILE* out);

}  // namespace stepsim::scenario
