#include "emulator/lambda/python_template.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>

#include <spdlog/spdlog.h>

#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/lambda/runtime_sources.h"
#include "emulator/lambda/work_directory.h"

namespace stepsim::lambda {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The first answer waits for the template to import boto3 (a second or two on a loaded machine);
// later ones only for a fork.
constexpr auto kFirstAnswer = 30s;
constexpr auto kLaterAnswer = 5s;

void writeFile(const fs::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

PythonTemplate::PythonTemplate() : directory_(std::make_unique<WorkDirectory>()) {
  fs::path runtime = directory_->path() / "runtime";
  fs::create_directories(runtime);
  writeFile(runtime / "python_bootstrap.py", pythonBootstrapSource());
  writeFile(runtime / "python_zygote.py", pythonZygoteSource());
  int toTemplate[2], fromTemplate[2];
  if (::pipe2(toTemplate, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "pipe");
  if (::pipe2(fromTemplate, O_CLOEXEC) != 0) {
    ::close(toTemplate[0]);
    ::close(toTemplate[1]);
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  ChildSpec spec;
  spec.argv = {"python3", "-u", (runtime / "python_zygote.py").string()};
  // The same start-up environment as a cold worker's, so forks read what a fresh one would.
  spec.environment = environmentList(baseEnvironment(directory_->path().string()));
  spec.workingDirectory = directory_->path().string();
  spec.logPath = (directory_->path() / "template.log").string();
  spec.stdinFd = toTemplate[0];
  spec.stdoutFd = fromTemplate[1];
  try {
    pid_ = startChild(spec);
  } catch (const std::exception& e) {
    spdlog::warn("the Python template did not start ({}): functions start cold", e.what());
  }
  ::close(toTemplate[0]);
  ::close(fromTemplate[1]);
  requests_ = toTemplate[1];
  answers_ = fromTemplate[0];
  if (pid_ < 0) abandon("");
}

PythonTemplate::~PythonTemplate() {
  abandon("");
}

void PythonTemplate::abandon(const std::string& why) {
  if (!why.empty())
    spdlog::warn("the Python template {}: functions start cold from now on (its log: {})", why,
                 (directory_->path() / "template.log").string());
  if (requests_ >= 0) ::close(requests_);
  if (answers_ >= 0) ::close(answers_);
  requests_ = answers_ = -1;
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    // Its own child, so no one else reaps it; not waited for, as tearing down a large process
    // takes a while: reaped now if it is already gone, else when stepsim exits.
    ::waitpid(pid_, nullptr, WNOHANG);
  }
  pid_ = -1;
}

std::optional<std::string> PythonTemplate::ask(const std::string& request,
                                               std::chrono::milliseconds timeout) {
  if (requests_ < 0) return std::nullopt;
  if (!writeAll(requests_, request + "\n")) {
    abandon("stopped reading requests");
    return std::nullopt;
  }
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (std::size_t end = buffered_.find('\n'); end != std::string::npos) {
      std::string line = buffered_.substr(0, end);
      buffered_.erase(0, end + 1);
      answered_ = true;
      return line;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd readable{answers_, POLLIN, 0};
    int ready = left.count() > 0 ? ::poll(&readable, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      abandon("did not answer in time");
      return std::nullopt;
    }
    char chunk[4096];
    ssize_t n = ::read(answers_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      abandon("ended");
      return std::nullopt;
    }
    buffered_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::optional<int> PythonTemplate::fork(const ChildSpec& spec) {
  stepsim::Json request = {{"fork",
                            {{"env", environmentObject(spec.environment)},
                             {"cwd", spec.workingDirectory},
                             {"log", spec.logPath}}}};
  std::optional<std::string> line =
      ask(core::serializeJson(request), answered_ ? kLaterAnswer : kFirstAnswer);
  if (!line) return std::nullopt;
  stepsim::Json answer = core::parseClientJson(*line);
  if (answer.is_object() && answer.contains("pid") && answer["pid"].is_number_integer()) {
    int pid = answer["pid"].get<int>();
    workers_.insert(pid);
    return pid;
  }
  if (answer.is_object() && answer.contains("cold"))
    spdlog::debug("python worker starts cold: {}", answer["cold"].dump());
  else
    spdlog::warn("the Python template answered a fork with {}", *line);
  return std::nullopt;
}

std::optional<int> PythonTemplate::reap(int pid) {
  if (!workers_.contains(pid)) return std::nullopt;
  std::optional<std::string> line =
      ask(core::serializeJson(stepsim::Json{{"reap", pid}}), kLaterAnswer);
  stepsim::Json answer = line ? core::parseClientJson(*line) : stepsim::Json();
  if (answer.is_object() && answer.contains("running")) return std::nullopt;
  workers_.erase(pid);
  if (answer.is_object() && answer.contains("status") && answer["status"].is_number_integer())
    return answer["status"].get<int>();
  return SIGKILL;  // lost with the template: as if killed (a wait status of signal 9)
}

}  // namespace stepsim::lambda
