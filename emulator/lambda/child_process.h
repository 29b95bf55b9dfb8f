#pragma once
// Starting and stopping the local processes real function code runs in. POSIX only; no event loop
// here: the ProcessHost reports when a child ends.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::lambda {

struct ChildSpec {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH from `environment`
  std::vector<std::string> environment;  // "NAME=value", the child's whole environment
  std::string workingDirectory;
  std::string logPath;  // stdout and stderr are appended here; stdin is /dev/null
  // Pipes to use as stdin and stdout instead (a template's requests and answers); -1: none.
  int stdinFd = -1;
  int stdoutFd = -1;
};

// Starts the child in a process group of its own, killed with this process if it dies. Returns its
// pid; throws std::system_error when fork fails. A program that cannot be executed exits with
// status 127 after writing why to its log.
int startChild(const ChildSpec& spec);

// SIGKILL to the child's whole process group (what its handler started dies with it).
void killChildGroup(int pid);

// "exit status 1" / "signal: killed" — how Lambda words a runtime's end.
std::string describeWaitStatus(int waitStatus);

// What every runtime process gets besides its function's variables: stepsim's PATH, LANG, TZ and
// HOME.
std::map<std::string, std::string> baseEnvironment(const std::string& home);
// The variables as a ChildSpec takes them ("NAME=value").
std::vector<std::string> environmentList(const std::map<std::string, std::string>& variables);
// "NAME=value" variables as a JSON object, what a warm runtime is told to give a worker.
stepsim::Json environmentObject(const std::vector<std::string>& environment);
// Writes all of `text` to `fd` (a pipe); false when its reader is gone.
bool writeAll(int fd, std::string_view text);

}  // namespace stepsim::lambda
