#include "emulator/stepfunctions/definition/express_rules.h"

#include <string>

namespace stepsim::sfn {

namespace {

// Where a state is, as the compiler's locations write it.
std::string pointer(const std::string& at, const std::string& name) {
  std::string escaped;
  for (char c : name) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return at + "/States/" + escaped;
}

void check(const Program& program, const std::string& at, std::vector<Diagnostic>& errors) {
  for (const State& st : program.states) {
    std::string where = pointer(at, st.name);
    if (st.type == StateType::Task) {
      const char* what = st.taskKind == TaskKind::Activity ? "Activity ARN" : nullptr;
      if (st.pattern == IntegrationPattern::Sync || st.pattern == IntegrationPattern::Sync2)
        what = "'.sync' service integration";
      if (st.pattern == IntegrationPattern::WaitForTaskToken)
        what = "'.waitForTaskToken' service integration";
      if (what)
        errors.push_back({"SCHEMA_VALIDATION_FAILED",
                          std::string("Express state machine does not support ") + what,
                          where + "/Resource"});
    }
    for (std::size_t i = 0; i < st.branches.size(); ++i)
      check(*st.branches[i], where + "/Branches[" + std::to_string(i) + "]", errors);
    if (st.iterator) check(*st.iterator, where + "/ItemProcessor", errors);
  }
}

}  // namespace

void checkExpressRules(const Program& program, std::vector<Diagnostic>& errors) {
  check(program, "", errors);
}

}  // namespace stepsim::sfn
