#pragma once
// A state machine definition compiled once into an immutable program: states resolved to indices,
// paths, templates, intrinsic calls and Choice rules pre-parsed. Executions only read it, so every
// execution of a revision shares one Program.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/core/time_types.h"
#include "emulator/stepfunctions/asl/choice_rule.h"
#include "emulator/stepfunctions/asl/intrinsics.h"
#include "emulator/stepfunctions/asl/jsonata_template.h"
#include "emulator/stepfunctions/asl/json_path.h"
#include "emulator/stepfunctions/asl/payload_template.h"

namespace stepsim::sfn {

enum class StateType { Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map };
const char* toString(StateType type);  // "Pass", ... as in the definition and history event names
// The states that can retry: only they have $$.State.RetryCount.
inline bool canRetry(StateType type) {
  return type == StateType::Task || type == StateType::Parallel || type == StateType::Map;
}

// How a state's fields are written: JSONPath (InputPath, Parameters, ... and "x.$" fields) or
// JSONata ("{% ... %}" in Arguments, Output, Assign and the other fields).
enum class QueryLanguage { JSONPath, JSONata };
const char* toString(QueryLanguage language);

// Assign in either language and JSONata's Output: on states, Choice rules and catchers.
struct AssignAndOutput {
  std::optional<PayloadTemplate> assign;         // JSONPath: "x": value, "x.$": path or intrinsic
  std::optional<JsonataTemplate> assignJsonata;  // JSONata
  std::optional<JsonataTemplate> output;         // JSONata Output
  bool hasAssign() const { return assign || assignJsonata; }
};

// The fields of a JSONata state written as JSONata (a value given as a plain number or string goes
// into the state's ordinary fields instead).
struct JsonataFields {
  std::optional<JsonataTemplate> arguments;                  // Task, Parallel
  std::optional<JsonataTemplate> timeoutSeconds, heartbeatSeconds;  // Task
  std::optional<JsonataTemplate> seconds, timestamp;         // Wait
  std::optional<JsonataTemplate> error, cause;               // Fail
  std::optional<JsonataTemplate> items, itemSelector, maxConcurrency;  // Map
  std::optional<JsonataTemplate> toleratedFailureCount,
      toleratedFailurePercentage;  // Distributed Map
};

// InputPath / OutputPath: absent means "$" (everything), JSON null means {}.
struct PathFilter {
  enum Kind { All, Empty, Path } kind = All;
  std::optional<JsonPath> path;
};

// ResultPath: absent means "$" (the result replaces the input), null discards the result.
struct ResultPathSpec {
  enum Kind { Replace, Discard, Path } kind = Replace;
  std::optional<JsonPath> path;
};

// A path or an intrinsic call (Fail's ErrorPath/CausePath).
using DynamicValue = std::variant<JsonPath, IntrinsicCall>;

struct Retrier {
  std::vector<std::string> errorEquals;
  double intervalSeconds = 1;
  int maxAttempts = 3;
  double backoffRate = 2.0;
  std::optional<double> maxDelaySeconds;
  bool fullJitter = false;
};

struct Catcher {
  std::vector<std::string> errorEquals;
  int next = -1;
  ResultPathSpec resultPath;
  AssignAndOutput assignOutput;  // Assign ($ / $states.errorOutput: the error output), Output
};

struct ChoiceBranch {
  std::optional<ChoiceRule> rule;           // JSONPath
  std::optional<JsonataTemplate> condition;  // JSONata: Condition
  int next = -1;
  AssignAndOutput assignOutput;  // when this rule matches
};

// Where a Task's work is done.
enum class TaskKind {
  LambdaArn,          // Resource is a Lambda function ARN: the result is the payload
  LambdaInvoke,       // arn:aws:states:::lambda:invoke[.waitForTaskToken]
  BatchSubmitJob,     // arn:aws:states:::batch:submitJob[.sync]
  SdkIntegration,     // arn:aws:states:::aws-sdk:<service>:<action>
  StartExecution,     // arn:aws:states:::states:startExecution[.sync|.sync:2]
  Activity,           // arn:aws:states:REGION:ACCOUNT:activity:NAME
  // arn:aws:states:::<service>:<action> (or aws-sdk:<service>:<action>) of a service stepsim does
  // not emulate: accepted, as AWS accepts it, so a mock config can answer for it; run unmocked, it
  // fails the execution.
  Unemulated,
};
enum class IntegrationPattern { RequestResponse, Sync, Sync2, WaitForTaskToken };

struct Program;

struct State {
  std::string name;
  StateType type = StateType::Pass;
  int next = -1;  // -1 with end = true: the branch ends here
  bool end = false;
  std::string comment;
  // Whether anything in the state (or in the branches and iterations it runs) reads the context
  // object `$$`; the interpreter builds it only then. JSONata states always may ($states.context).
  bool readsContext = false;
  QueryLanguage queryLanguage = QueryLanguage::JSONPath;
  // Assign and Output of the state (a Choice's apply when it takes its Default).
  AssignAndOutput assignOutput;
  // JSONata states only: the fields written as JSONata.
  std::shared_ptr<const JsonataFields> jsonata;

  PathFilter inputPath, outputPath;
  std::optional<PayloadTemplate> parameters;      // Parameters, or Map's ItemSelector/legacy Parameters
  std::optional<PayloadTemplate> resultSelector;
  ResultPathSpec resultPath;

  // Pass
  std::optional<stepsim::Json> result;

  // Task
  std::string resource;
  TaskKind taskKind = TaskKind::LambdaArn;
  IntegrationPattern pattern = IntegrationPattern::RequestResponse;
  std::string sdkService, sdkAction;  // what an integration calls (definition/task_resources.h)
  std::optional<int> timeoutSeconds;
  std::optional<JsonPath> timeoutSecondsPath;
  std::optional<int> heartbeatSeconds;
  std::optional<JsonPath> heartbeatSecondsPath;
  std::vector<Retrier> retry;
  std::vector<Catcher> catches;

  // Choice
  std::vector<ChoiceBranch> choices;
  int defaultNext = -1;

  // Wait
  std::optional<double> seconds;
  std::optional<JsonPath> secondsPath;
  std::optional<core::TimeMs> timestamp;
  std::optional<JsonPath> timestampPath;

  // Fail
  std::optional<std::string> error, cause;
  std::optional<DynamicValue> errorPath, causePath;

  // Parallel
  std::vector<std::shared_ptr<const Program>> branches;

  // Map
  std::shared_ptr<const Program> iterator;
  std::optional<JsonPath> itemsPath;
  int maxConcurrency = 0;  // 0: no limit
  std::optional<JsonPath> maxConcurrencyPath;
  // Distributed Map (ProcessorConfig Mode DISTRIBUTED): each item (or batch) runs as a child
  // workflow execution of a Map Run.
  bool distributed = false;
  bool childExpress = false;  // ExecutionType EXPRESS
  std::string label;          // Label; the Map Run and child executions are named by it
  std::optional<int> toleratedFailureCount;
  std::optional<double> toleratedFailurePercentage;
  std::optional<JsonPath> toleratedFailureCountPath, toleratedFailurePercentagePath;
  // ItemBatcher: items grouped into batches of at most this many items / bytes (0: no bound),
  // each child getting {"BatchInput": ..., "Items": [...]}.
  bool batched = false;
  int maxItemsPerBatch = 0, maxInputBytesPerBatch = 0;
  std::optional<JsonPath> maxItemsPerBatchPath, maxInputBytesPerBatchPath;
  std::optional<PayloadTemplate> batchInput;
  // ItemReader / ResultWriter read and write S3, which stepsim does not emulate: kept to fail at
  // run time as AWS fails on a bucket it cannot reach.
  std::optional<std::string> itemReaderResource, resultWriterResource;
};

struct Program {
  std::vector<State> states;
  int startAt = 0;
  std::optional<int> timeoutSeconds;  // the whole execution (top level only)
  // Top level only: the workflow variables each state reads, by state name (DescribeStateMachine's
  // variableReferences), names sorted.
  std::map<std::string, std::vector<std::string>> variableReferences;

  int find(std::string_view name) const;  // index, or -1
};

}  // namespace stepsim::sfn
