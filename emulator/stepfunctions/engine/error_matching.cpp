#include "emulator/stepfunctions/engine/error_matching.h"

namespace stepsim::sfn {

bool errorMatches(const std::vector<std::string>& errorEquals, std::string_view error,
                  bool reportedByTask) {
  if (error == "States.Runtime") return false;
  bool terminal = error == "States.DataLimitExceeded" && !reportedByTask;
  for (const std::string& name : errorEquals) {
    if (name == error) return true;
    if (terminal) continue;
    if (name == "States.ALL") return true;
    if (name == "States.TaskFailed" && error != "States.Timeout") return true;
  }
  return false;
}

int findRetrier(const std::vector<Retrier>& retriers, std::string_view error, bool reportedByTask) {
  for (std::size_t i = 0; i < retriers.size(); ++i)
    if (errorMatches(retriers[i].errorEquals, error, reportedByTask)) return static_cast<int>(i);
  return -1;
}

int findCatcher(const std::vector<Catcher>& catchers, std::string_view error, bool reportedByTask) {
  for (std::size_t i = 0; i < catchers.size(); ++i)
    if (errorMatches(catchers[i].errorEquals, error, reportedByTask)) return static_cast<int>(i);
  return -1;
}

}  // namespace stepsim::sfn
