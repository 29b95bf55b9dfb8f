// PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion, and the publish
// CreateStateMachine and UpdateStateMachine do with `publish`. A version is an immutable revision
// of its machine, numbered from 1 and never renumbered; executions started on one keep its
// revision whatever happens to the machine.
#include <string>

#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/handlers.h"
#include "emulator/stepfunctions/api/paging.h"

namespace stepsim::sfn {

namespace {

constexpr std::string_view kVersionPageMagic = "sfn-versions:";
// AWS's quota of versions per state machine.
constexpr std::size_t kMaxVersions = 1000;

json versionSummary(const MachineVersion& v) {
  return {{"stateMachineVersionArn", v.arn}, {"creationDate", epochSeconds(v.creationDate)}};
}

}  // namespace

MachineVersion& publishVersion(SfnState& s, StateMachine& m, const std::string& description) {
  // Publishing what the latest version already holds is that version again, as AWS documents.
  if (!m.versions.empty()) {
    MachineVersion& latest = m.versions.rbegin()->second;
    if (latest.revision == m.current && latest.description == description) return latest;
  }
  if (m.versions.size() >= kMaxVersions)
    sfnError("ServiceQuotaExceededException", "Maximum number of versions (" +
                                                  std::to_string(kMaxVersions) +
                                                  ") reached for state machine '" + m.arn + "'");
  MachineVersion& v = m.versions[++m.lastVersionNumber];
  v.number = m.lastVersionNumber;
  v.arn = m.arn + ":" + std::to_string(v.number);
  v.description = description;
  v.creationDate = s.sim.now();
  v.revision = m.current;
  return v;
}

std::string versionDescriptionOf(const json& in) {
  std::string description = in.value("versionDescription", "");
  if (in.contains("versionDescription") && !in.value("publish", false))
    validationError("Version description can only be set when publish is true");
  return description;
}

json publishStateMachineVersion(SfnState& s, const json& in) {
  StateMachine& m = s.machine(in.at("stateMachineArn").get<std::string>());
  // "INITIAL" names the revision a machine has before its first update.
  std::string expected = in.value("revisionId", "");
  bool matches =
      expected == m.current->revisionId || (expected == "INITIAL" && m.current->revisionId.empty());
  if (in.contains("revisionId") && !matches)
    sfnError("ConflictException",
             "Failed to publish the State Machine version for revision " +
                 in["revisionId"].get<std::string>() + ". The current State Machine revision is " +
                 (m.current->revisionId.empty() ? "the initial one" : m.current->revisionId) + ".");
  return versionSummary(publishVersion(s, m, in.value("description", "")));
}

json listStateMachineVersions(SfnState& s, const json& in) {
  // The model gives this operation no not-found error: a machine that is not there has no versions.
  std::string arn = in.at("stateMachineArn").get<std::string>();
  s.checkStateMachineArn(arn);
  Page page = readPage(in, kVersionPageMagic);
  std::vector<const MachineVersion*> newestFirst;
  if (auto m = s.machines.find(arn); m != s.machines.end())
    for (auto it = m->second->versions.rbegin(); it != m->second->versions.rend(); ++it)
      newestFirst.push_back(&it->second);
  return page.listed("stateMachineVersions", newestFirst.size(),
                     [&](std::size_t i) { return versionSummary(*newestFirst[i]); });
}

json deleteStateMachineVersion(SfnState& s, const json& in) {
  std::string arn = in.at("stateMachineVersionArn").get<std::string>();
  // Deleting a version that is not there (any more) succeeds, as on AWS; a machine ARN is no
  // version ARN.
  std::optional<MachineVersion*> version = s.findVersion(arn);
  if (!version) invalidArn("Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
  if (!*version) return json::object();
  StateMachine& m = *s.machines.find(arn.substr(0, arn.rfind(':')))->second;
  checkNoAliasRoutesTo(m, **version);
  m.versions.erase((*version)->number);
  return json::object();
}

}  // namespace stepsim::sfn
