// RedriveExecution: a FAILED, TIMED_OUT or ABORTED Standard execution continues from the state it
// ended in, within 14 days, keeping its ARN and history (unless it was dropped: see
// SfnState::closedExecutions).
#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/handlers.h"

namespace stepsim::sfn {

namespace {

constexpr core::TimeMs kRedrivablePeriod = 14LL * 24 * 3600 * 1000;
constexpr std::size_t kRememberedClientTokens = 10;  // AWS answers the last 10 idempotently

}  // namespace

std::optional<std::string> notRedrivableReason(const SfnState& s, const Execution& e) {
  // The reasons as AWS words them (DescribeExecution's redriveStatusReason).
  if (e.status == ExecutionStatus::Running) return "Execution is RUNNING and cannot be redriven";
  if (e.status == ExecutionStatus::Succeeded) return "Execution is SUCCEEDED and cannot be redriven";
  if (e.express) return "Execution is of an EXPRESS state machine and cannot be redriven";
  // A Map Run's children are redriven through their parent, whose redrive reruns them.
  if (!e.mapRunArn.empty())
    return "Execution is a child of a Map Run and cannot be redriven; redrive its parent execution";
  // ExecutionRedriven itself and at least one state need room in the history.
  if (e.historyExhausted || e.history.size() + 2 >= kMaxHistoryEvents)
    return "Execution history event limit exceeded";
  if (e.stopDate && s.sim.now() - *e.stopDate > kRedrivablePeriod)
    return "Execution redrivable period exceeded";
  return std::nullopt;
}

json redriveExecution(SfnState& s, const json& in) {
  Execution& e = s.execution(in.at("executionArn").get<std::string>());
  std::string clientToken = in.value("clientToken", "");
  auto& tokens = e.redriveTokens;
  bool repeated = !clientToken.empty() &&
                  std::find(tokens.begin(), tokens.end(), clientToken) != tokens.end();
  if (repeated && e.redriveDate) return {{"redriveDate", epochSeconds(*e.redriveDate)}};
  if (std::optional<std::string> reason = notRedrivableReason(s, e))
    sfnError("ExecutionNotRedrivable", "Execution Not Redrivable: " + *reason);
  s.closedExecutions.reopened(*e.stopDate, e.startOrder);  // running again: not to be dropped
  s.engine.redrive(e);
  if (!clientToken.empty()) {
    tokens.push_back(std::move(clientToken));
    if (tokens.size() > kRememberedClientTokens) tokens.erase(tokens.begin());
  }
  return {{"redriveDate", epochSeconds(*e.redriveDate)}};
}

}  // namespace stepsim::sfn
