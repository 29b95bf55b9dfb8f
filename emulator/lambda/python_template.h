#pragma once
// A warm Python for python3.x functions (bootstrap/python_zygote.py): one interpreter, started
// once, that has imported the runtime bootstrap and boto3 and loads the emulated services' models
// while idle. A worker is forked from it, so a function's first invocation skips the interpreter's
// and the SDK's start-up; each worker is still a process of its own, with its environment, working
// directory, log and handler module. Talks to the template over two pipes, one JSON line each
// way, blocking (answers take a fork's time; only the first waits for the template's imports).
// A template that stops answering is killed, and every later start is cold.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "emulator/lambda/child_process.h"

namespace stepsim::lambda {

class WorkDirectory;

class PythonTemplate {
 public:
  // Starts the template in a temporary directory of its own (its HOME); returns at once: the
  // template warms up in its own process.
  PythonTemplate();
  ~PythonTemplate();  // kills the template; its workers die with it
  PythonTemplate(const PythonTemplate&) = delete;
  PythonTemplate& operator=(const PythonTemplate&) = delete;

  // A worker forked for `spec` (environment, working directory, log; argv is the template's), or
  // nullopt when this worker must start cold: the template is gone, or the function's variables
  // change what an interpreter reads at start-up (PYTHONPATH, LANG, ...), or its code brings its
  // own copy of a package the template imported (boto3).
  std::optional<int> fork(const ChildSpec& spec);

  bool owns(int pid) const { return workers_.contains(pid); }
  // Once `pid` (a worker of this template) has ended: its wait status, reaped. nullopt while it
  // runs. A worker the template lost (the template died) reads as killed.
  std::optional<int> reap(int pid);

 private:
  // Sends one request and reads its answer within `timeout`; null when the template failed.
  std::optional<std::string> ask(const std::string& request, std::chrono::milliseconds timeout);
  void abandon(const std::string& why);

  std::unique_ptr<WorkDirectory> directory_;
  int pid_ = -1;
  int requests_ = -1;      // the template's stdin
  int answers_ = -1;       // its stdout
  bool answered_ = false;  // has answered once: it is warm
  std::string buffered_;
  std::set<int> workers_;
};

}  // namespace stepsim::lambda
