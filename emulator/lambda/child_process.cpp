#include "emulator/lambda/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace stepsim::lambda {

namespace {

// Between fork and exec only async-signal-safe calls: no allocation, no locks.
[[noreturn]] void failInChild(int logFd, const char* what) {
  if (logFd >= 0) {
    const char* reason = strerror(errno);
    (void)!write(logFd, "stepsim: cannot start the runtime: ", 35);
    (void)!write(logFd, what, strlen(what));
    (void)!write(logFd, ": ", 2);
    (void)!write(logFd, reason, strlen(reason));
    (void)!write(logFd, "\n", 1);
  }
  _exit(127);
}

}  // namespace

int startChild(const ChildSpec& spec) {
  // Everything the child needs is built before fork.
  std::vector<char*> argv, envp;
  for (const auto& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  for (const auto& var : spec.environment) envp.push_back(const_cast<char*>(var.c_str()));
  envp.push_back(nullptr);
  pid_t parent = getpid();

  pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid > 0) {
    setpgid(pid, pid);  // also done in the child; whichever runs first wins the race
    return pid;
  }

  setpgid(0, 0);
  // Dies with stepsim, even if stepsim is killed without a chance to clean up.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(1);
  signal(SIGPIPE, SIG_DFL);
  int logFd = open(spec.logPath.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (logFd < 0) _exit(126);
  int inFd = spec.stdinFd >= 0 ? spec.stdinFd : open("/dev/null", O_RDONLY);
  int outFd = spec.stdoutFd >= 0 ? spec.stdoutFd : logFd;
  if (inFd < 0 || dup2(inFd, 0) < 0 || dup2(outFd, 1) < 0 || dup2(logFd, 2) < 0)
    failInChild(logFd, "redirect");
  if (chdir(spec.workingDirectory.c_str()) != 0) failInChild(logFd, "chdir");
  // The server's sockets and files must not leak into user code, whatever their number: every
  // descriptor above 2 but the log (itself close-on-exec) goes; the loops serve kernels without
  // close_range.
  if (close_range(3, static_cast<unsigned>(logFd) - 1, 0) != 0)
    for (int fd = 3; fd < logFd; ++fd) close(fd);
  if (close_range(static_cast<unsigned>(logFd) + 1, ~0U, 0) != 0)
    for (int fd = logFd + 1; fd < 65536; ++fd) close(fd);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  execvpe(argv[0], argv.data(), envp.data());
  failInChild(logFd, argv[0]);
}

void killChildGroup(int pid) {
  if (pid <= 0) return;
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);  // in case it had not yet moved into its own group
}

std::string describeWaitStatus(int waitStatus) {
  if (WIFEXITED(waitStatus)) return "exit status " + std::to_string(WEXITSTATUS(waitStatus));
  if (WIFSIGNALED(waitStatus)) {
    int sig = WTERMSIG(waitStatus);
    const char* name = sig == SIGKILL   ? "killed"
                       : sig == SIGSEGV ? "segmentation fault"
                       : sig == SIGABRT ? "aborted"
                       : sig == SIGTERM ? "terminated"
                                        : nullptr;
    return name ? std::string("signal: ") + name : "signal " + std::to_string(sig);
  }
  return "ended";
}

std::map<std::string, std::string> baseEnvironment(const std::string& home) {
  const char* path = std::getenv("PATH");
  return {{"PATH", path && *path ? path : "/usr/local/bin:/usr/bin:/bin"},
          {"LANG", "C.UTF-8"},
          {"TZ", ":UTC"},
          {"HOME", home}};
}

std::vector<std::string> environmentList(const std::map<std::string, std::string>& variables) {
  std::vector<std::string> list;
  for (const auto& [name, value] : variables) list.push_back(name + "=" + value);
  return list;
}

stepsim::Json environmentObject(const std::vector<std::string>& environment) {
  stepsim::Json object = stepsim::Json::object();
  for (const std::string& variable : environment) {
    std::size_t equals = variable.find('=');
    object[variable.substr(0, equals)] =
        equals == std::string::npos ? "" : variable.substr(equals + 1);
  }
  return object;
}

bool writeAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace stepsim::lambda
