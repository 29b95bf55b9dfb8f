#include "emulator/lambda/work_directory.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>

namespace stepsim::lambda {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPrefix = "stepsim-";
constexpr const char* kLockFile = ".owner.lock";

fs::path temporaryRoot() {
  const char* tmp = std::getenv("TMPDIR");
  return tmp && *tmp ? fs::path(tmp) : fs::path("/tmp");
}

// An exclusive lock on `directory`'s lock file: the descriptor, or -1 when another process holds
// it or the directory has none (yet: its owner may be between mkdtemp and locking).
int tryLock(const fs::path& directory) {
  int fd = ::open((directory / kLockFile).c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

int WorkDirectory::removeStale() {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(temporaryRoot(), ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(kPrefix, 0) != 0 || !entry.is_directory(ec) || entry.is_symlink(ec)) continue;
    int fd = tryLock(entry.path());
    if (fd < 0) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
    ::close(fd);
    if (!ignored) ++removed;
  }
  if (removed > 0) spdlog::info("removed {} work directories left by stopped servers", removed);
  return removed;
}

WorkDirectory::WorkDirectory() {
  removeStale();
  std::string pattern = (temporaryRoot() / (std::string(kPrefix) + "XXXXXX")).string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary directory");
  path_ = pattern;
  lockFd_ = ::open((path_ / kLockFile).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lockFd_ < 0 || ::flock(lockFd_, LOCK_EX | LOCK_NB) != 0)
    throw std::runtime_error("cannot lock " + path_.string());
}

WorkDirectory::~WorkDirectory() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
  if (lockFd_ >= 0) ::close(lockFd_);
}

}  // namespace stepsim::lambda
