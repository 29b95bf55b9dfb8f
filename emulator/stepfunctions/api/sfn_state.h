#pragma once
// Everything the Step Functions service owns: state machines with their revisions, executions
// (kept after they end, as AWS keeps them for 90 days, up to the configured number of closed ones)
// and tags, plus the lookups every handler shares so an ARN is parsed and checked the same way in
// every operation.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/core/retention.h"
#include "emulator/core/simulation.h"
#include "emulator/core/string_hash_map.h"
#include "emulator/stepfunctions/activities/activity_integrations.h"
#include "emulator/stepfunctions/activities/activity_registry.h"
#include "emulator/stepfunctions/api/execution_logs.h"
#include "emulator/stepfunctions/api/map_runs.h"
#include "emulator/stepfunctions/engine/engine.h"
#include "emulator/stepfunctions/engine/execution.h"

namespace stepsim::sfn {

using json = stepsim::Json;
using StringMap = std::map<std::string, std::string, std::less<>>;

struct MockConfig;

// A published version: an immutable revision of its machine, "<machine ARN>:<number>".
struct MachineVersion {
  int number = 0;
  std::string arn, description;
  core::TimeMs creationDate = 0;
  std::shared_ptr<const Revision> revision;
};

// An alias: "<machine ARN>:<name>" (a name with a non-digit, so no version ARN), starting each
// execution on one of its one or two versions, chosen by weight.
struct AliasRoute {
  std::string versionArn;
  int weight = 0;
  bool operator==(const AliasRoute&) const = default;
};
struct MachineAlias {
  std::string name, arn, description;
  core::TimeMs creationDate = 0, updateDate = 0;
  std::vector<AliasRoute> routing;
};

struct StateMachine {
  std::string name, arn, type;  // type: STANDARD or EXPRESS
  core::TimeMs creationDate = 0;
  std::shared_ptr<const Revision> current;
  std::map<int, MachineVersion> versions;  // by number
  int lastVersionNumber = 0;               // numbers are never reused, deleted ones included
  std::map<std::string, MachineAlias, std::less<>> aliases;  // by name
  json loggingConfiguration, tracingConfiguration;
  std::string description;
  StringMap tags;
  // By start order; a map, as the oldest closed ones leave it from anywhere.
  std::map<std::uint64_t, Execution*> executions;
};

class SfnState {
 public:
  SfnState(core::Simulation& simulation, Integrations& integrations);

  core::Simulation& sim;
  // Before the engine, which runs its tasks through `tasks`, and after it is gone still answers
  // the workers waiting on a poll.
  ActivityRegistry activities;
  ActivityIntegrations tasks;
  Engine engine;
  // Distributed Map runs and their children (the engine's MapRunHost).
  MapRuns mapRuns{*this};
  std::string region, account;
  std::map<std::string, std::unique_ptr<StateMachine>, std::less<>> machines;  // by ARN
  // By ARN; a hash map: StartExecution looks its new ARN up among every execution kept.
  core::StringHashMap<std::unique_ptr<Execution>> executions;
  std::uint64_t nextStartOrder = 1;
  // The closed executions kept, at most config().maxClosedExecutions (0: all): the oldest are
  // dropped as if they had never been (running ones never are).
  core::Retention<Execution> closedExecutions;
  // Step Functions Local's mock config (server configuration): the test cases StartExecution runs
  // for "<machine ARN>#<TestCase>". Null when none is loaded.
  std::shared_ptr<const MockConfig> mockConfig;
  // Where executions of machines with a loggingConfiguration log (server configuration).
  ExecutionLogWriter writeExecutionLog;
  // Told each execution's ARN as it starts (server configuration; may be empty).
  std::function<void(const std::string& executionArn)> onExecutionStarted;

  // Forgets executions entirely: the ARN lookup, their machine's list, the engine's tokens.
  void dropExecutions(const std::vector<Execution*>& dropped);

  // "arn:aws:states:<region>:<account>:<type>:<rest>".
  std::string resourceArn(std::string_view type, std::string_view rest) const;
  std::string machineArn(std::string_view name) const;
  // A new execution's ARN (express ones carry a seeded id after the name).
  std::string executionArn(const StateMachine& machine, std::string_view name);
  std::string activityArn(std::string_view name) const;
  double nowSeconds() const { return static_cast<double>(sim.now()) / 1000.0; }

  // Checked lookups: InvalidArn for a malformed ARN, ...DoesNotExist for an unknown one.
  StateMachine& machine(std::string_view arn);
  // What a state machine ARN names: the machine, or one of its versions ("<machine ARN>:<number>",
  // version set) or aliases ("<machine ARN>:<alias name>", alias set). StateMachineDoesNotExist
  // for an unknown one.
  struct MachineTarget {
    StateMachine& machine;
    MachineVersion* version;
    MachineAlias* alias;
  };
  MachineTarget machineTarget(std::string_view arn);
  // For a version ARN ("<machine ARN>:<number>") the version, or nullptr when there is none;
  // nullopt for an ARN without a numeric qualifier. InvalidArn for no state machine ARN.
  std::optional<MachineVersion*> findVersion(std::string_view arn);
  // The same for an alias ARN ("<machine ARN>:<alias name>").
  std::optional<MachineAlias*> findAlias(std::string_view arn);

 private:
  // A "<machine ARN>:<qualifier>" ARN resolved: whether it has a qualifier, whether that is a
  // number (a version) or a name (an alias), and what exists of it.
  struct Qualified {
    bool qualified = false, numeric = false;
    StateMachine* machine = nullptr;
    MachineVersion* version = nullptr;
    MachineAlias* alias = nullptr;
  };
  Qualified lookUpQualified(std::string_view arn);

 public:
  Execution& execution(std::string_view arn);
  // The same for the operations AWS does not support for EXPRESS executions (DescribeExecution,
  // GetExecutionHistory, StopExecution, DescribeStateMachineForExecution): AWS keeps no record of
  // them there and refuses an "...:express:..." ARN as InvalidArn before any lookup.
  Execution& standardExecution(std::string_view arn);
  Activity& activity(std::string_view arn);
  // InvalidArn unless `arn` is shaped like an activity / a state machine ARN.
  void checkActivityArn(std::string_view arn) const;
  void checkStateMachineArn(std::string_view arn) const;
};

// Epoch seconds with milliseconds, as awsJson timestamps are written.
inline double epochSeconds(core::TimeMs t) {
  return static_cast<double>(t) / 1000.0;
}

}  // namespace stepsim::sfn
