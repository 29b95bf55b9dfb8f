#pragma once
// `stepsim run` and `stepsim validate`: the command-line front of the scenario runner.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "emulator/scenario/runner.h"

namespace stepsim::scenario {

struct RunCommand {
  std::vector<std::string> paths;
  std::string traceFile, junitFile, htmlFile;
  bool json = false;
  std::string shard;  // "I/N", 1-based; empty: everything
  std::optional<std::uint64_t> seed;
  unsigned jobs = 0;  // parallel scenarios; 0: one per core
  bool failFast = false;  // after the first failure, start no more scenarios
};

// Exit status: 0 all passed, 1 an expectation failed, 2 a scenario could not be loaded (then
// nothing runs, and the JUnit file says why) or the command line is wrong. Reports go to `out`,
// problems to `err`. The text report streams: each scenario's lines as it ends (on a terminal with
// a progress line under them), then the count.
int runScenarios(const RunCommand& command, const RealCodeHost& host, std::FILE* out, std::FILE* err);

// Checks scenario files, .asl.json definitions and mock configs given by name (a directory: its
// scenarios and definitions) without running
// anything: 0 when all are good, 2 otherwise, with each problem on `err`.
int validateFiles(const std::vector<std::string>& paths, std::FILE* out, std::FILE* err);

}  // namespace stepsim::scenario
