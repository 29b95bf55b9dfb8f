#include "emulator/stepfunctions/engine/error_matching.h"

namespace stepsim::sfn {

// States.Runtime is never caught or retried, not even when named (AWS fails the execution);
// States.DataLimitExceeded only when named: States.ALL and States.TaskFailed pass both by.
bool errorMatches(const std::vector<std::string>& errorEquals, std::string_view error) {
  if (error == "States.Runtime") return false;
  bool terminal = error == "States.DataLimitExceeded";
  for (const std::string& name : errorEquals) {
    if (name == error) return true;
    if (terminal) continue;
    if (name == "States.ALL") return true;
    if (name == "States.TaskFailed" && error != "States.Timeout") return true;
  }
  return false;
}

int findRetrier(const std::vector<Retrier>& retriers, std::string_view error) {
  for (std::size_t i = 0; i < retriers.size(); ++i)
    if (errorMatches(retriers[i].errorEquals, error)) return static_cast<int>(i);
  return -1;
}

int findCatcher(const std::vector<Catcher>& catchers, std::string_view error) {
  for (std::size_t i = 0; i < catchers.size(); ++i)
    if (errorMatches(catchers[i].errorEquals, error)) return static_cast<int>(i);
  return -1;
}

}  // namespace stepsim::sfn
