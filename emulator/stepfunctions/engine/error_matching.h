#pragma once
// Which Retrier or Catcher handles an error, by the rules of the spec and AWS: names match
// exactly; States.ALL matches any error; States.TaskFailed matches any error but States.Timeout.
// States.Runtime is never matched, not even by name. Neither wildcard matches a state's own
// States.DataLimitExceeded; one a task reports (its result too large: TaskFailed) is a task
// error like any other, as AWS's recordings show.
#include <string>
#include <string_view>
#include <vector>

#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

bool errorMatches(const std::vector<std::string>& errorEquals, std::string_view error,
                  bool reportedByTask = false);
// Index of the first retrier / catcher that matches, or -1.
int findRetrier(const std::vector<Retrier>& retriers, std::string_view error,
                bool reportedByTask = false);
int findCatcher(const std::vector<Catcher>& catchers, std::string_view error,
                bool reportedByTask = false);

}  // namespace stepsim::sfn
