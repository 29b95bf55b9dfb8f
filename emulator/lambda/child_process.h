#pragma once
// Starting and stopping the local processes real function code runs in. POSIX only; no event loop
// here: the ProcessHost reports when a child ends.
#include <string>
#include <vector>

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

}  // namespace stepsim::lambda
