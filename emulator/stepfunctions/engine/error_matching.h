#pragma once
// Which Retrier or Catcher handles an error, by the rules of the spec and AWS: names match
// exactly; States.ALL matches any error; States.TaskFailed matches any error but States.Timeout;
// neither wildcard matches States.Runtime or States.DataLimitExceeded, which always end the
// execution.
#include <string>
#include <string_view>
#include <vector>

#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

bool errorMatches(const std::vector<std::string>& errorEquals, std::string_view error);
// Index of the first retrier / catcher that matches, or -1.
int findRetrier(const std::vector<Retrier>& retriers, std::string_view error);
int findCatcher(const std::vector<Catcher>& catchers, std::string_view error);

}  // namespace stepsim::sfn
