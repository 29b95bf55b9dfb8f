#pragma once
// The temporary directory a worker pool unpacks code and keeps logs in: $TMPDIR/stepsim-XXXXXX,
// removed when its owner ends. A process killed with SIGKILL cannot remove its own, so each one
// holds an flock on a file inside for as long as it lives (the kernel drops it at death, whatever
// the pid becomes), and removeStale() deletes every such directory whose lock nobody holds.
#include <filesystem>

namespace stepsim::lambda {

class WorkDirectory {
 public:
  // Removes stale directories, then creates and locks a new one. Throws std::runtime_error.
  WorkDirectory();
  ~WorkDirectory();  // removes the directory
  WorkDirectory(const WorkDirectory&) = delete;
  WorkDirectory& operator=(const WorkDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Deletes the directories of dead owners under $TMPDIR (or /tmp); returns how many.
  static int removeStale();

 private:
  std::filesystem::path path_;
  int lockFd_ = -1;
};

}  // namespace stepsim::lambda
