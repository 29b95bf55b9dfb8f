#pragma once
// An execution as the API sees it (status, input, output, dates, history) and the threads of
// control the interpreter advances inside it: the top-level run, and one per Parallel branch or Map
// iteration.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/core/random.h"
#include "emulator/core/scheduler.h"
#include "emulator/stepfunctions/engine/history.h"
#include "emulator/stepfunctions/engine/variables.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

enum class ExecutionStatus { Running, Succeeded, Failed, TimedOut, Aborted };
const char* toString(ExecutionStatus status);

// One revision of a state machine: what executions started from it keep running, whatever later
// updates do.
struct Revision {
  std::string definition;
  std::string roleArn;
  std::string revisionId;
  std::shared_ptr<const Program> program;
};

struct Execution;
class ExecutionMocks;

// A thread of control: walks one Program (the machine, a Parallel branch or a Map iteration).
struct Run {
  Execution* execution = nullptr;
  const Program* program = nullptr;
  Run* parent = nullptr;   // the run whose Parallel/Map state started this one
  std::size_t index = 0;   // branch or iteration index within the parent
  int state = -1;          // current state index
  bool entered = false;    // StateEntered recorded for `state`
  core::TimeMs enteredAt = 0;  // $$.State.EnteredTime (re-entered on each retry)
  Data input;              // the current state's raw input
  // $$ for this run: built on first use by a state that reads it (see State::readsContext).
  stepsim::Json context;
  // The workflow variables this run assigns; a branch's or iteration's scope reads its parent's.
  // Kept across a redrive, as AWS keeps them.
  VariableScope variables;
  // The event the next one follows (its previousEventId). AWS chains a state's events to the
  // one before, but the first state's StateEntered follows 0, not ExecutionStarted.
  std::int64_t lastEvent = 0;
  std::int64_t enteredAfter = 0;  // lastEvent before the current state's StateEntered
  std::int64_t enteredEvent = 0;  // the current state's StateEntered
  std::vector<int> retryAttempts;  // per retrier of the current state
  int retryCount = 0;
  std::uint64_t token = 0;  // bumps whenever outstanding work is abandoned
  std::optional<core::TimerId> timer;
  std::optional<core::TimerId> heartbeatTimer;
  int heartbeatSeconds = 0;  // the current task's, 0: none
  std::function<void()> cancelTask;
  std::optional<std::string> taskToken;
  bool finished = false;
  bool waiting = false;  // suspended on a timer, a task or children
  // Set by RedriveExecution on the run that ended: a Parallel or Map state re-entered keeps the
  // results of the branches and iterations that succeeded and runs only the others.
  bool redriving = false;
  // Callbacks hold a weak reference: a run that is gone ignores them.
  std::shared_ptr<char> life = std::make_shared<char>();

  // Parallel / Map bookkeeping for the state this run is in.
  std::vector<std::unique_ptr<Run>> children;
  std::vector<Data> childResults;
  std::size_t childrenDone = 0, childrenStarted = 0;
  int childLimit = 0;             // Map: MaxConcurrency (0: all at once)
  // Map: the last MapIterationSucceeded, which MapStateSucceeded and MapStateExited follow.
  std::int64_t lastIterationEvent = 0;
  bool startingChildren = false;  // inside the loop that starts children
  std::optional<std::pair<std::string, std::string>> childFailure;  // error, cause
  Data mapInput;                  // the state's effective input (Parallel: after Parameters)
  stepsim::Json mapItems;         // Map: the items (Distributed Map: each child's input)
  // Distributed Map: the Map Run while it is open, its failures and what it tolerates.
  std::string mapRunArn;
  std::size_t childFailures = 0;
  std::optional<int> toleratedFailureCount;
  std::optional<double> toleratedFailurePercentage;
};

struct Execution {
  std::string arn, name, stateMachineArn, stateMachineName;
  // Started on a published version (directly or through an alias); empty otherwise.
  std::string stateMachineVersionArn, stateMachineAliasArn;
  std::uint64_t startOrder = 0;  // among the service's executions: orders ties when some are dropped
  std::shared_ptr<const Revision> revision;
  std::string inputText;
  Data input;
  ExecutionStatus status = ExecutionStatus::Running;
  core::TimeMs startDate = 0;
  std::optional<core::TimeMs> stopDate;
  std::optional<std::string> outputText;
  std::optional<std::string> error, cause;
  int redriveCount = 0;
  std::optional<core::TimeMs> redriveDate;
  bool express = false;             // of an EXPRESS state machine: never redriven
  bool synchronous = false;         // started by StartSyncExecution: no $$.Execution.RedriveCount
  bool historyExhausted = false;    // failed at the 25,000-event limit: never redriven
  std::vector<std::string> redriveTokens;  // the last 10 clientTokens that redrove it
  std::vector<std::string> timedOutTokens;  // of its tasks that timed out (SendTask* says so)
  stepsim::Json contextBase;  // $$.Execution and $$.StateMachine, built on first use
  std::optional<core::Random> random;  // States.MathRandom, States.UUID, jitter: seeded per execution
  // Started as "<machine ARN>#<TestCase>": the mock config's answers for the mocked Task states.
  // Null otherwise, which is all a Task checks.
  std::shared_ptr<ExecutionMocks> mocks;
  History history;
  std::unique_ptr<Run> root;
  // Children of finished or aborted Parallel/Map states: freed at the next safe point, never while
  // one of them may still be on the stack.
  std::vector<std::unique_ptr<Run>> retired;
  std::optional<core::TimerId> timeoutTimer;
  // A Distributed Map's child: its Map Run, and while it runs, the run that walks it (owned by the
  // Map state's run, not by `root`, which a child does not have).
  std::string mapRunArn;
  Run* mapChildRun = nullptr;
  // Called once when the execution reaches a final status (nested executions, sync starts).
  std::vector<std::function<void(const Execution&)>> onFinished;
};

}  // namespace stepsim::sfn
