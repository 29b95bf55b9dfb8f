#pragma once
// Scenario resources are the services' own request shapes; these helpers check them against the
// botocore models (unknown members included, which AWS would ignore) and fill in what a scenario
// may leave out.
#include <optional>
#include <string>

#include "emulator/core/json.h"
#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

// Scenario resources that are one API request each, in the order a world is built (what a later
// kind refers to exists by then): the resources key, the service and the operation.
struct ApiResource {
  const char* key;
  const char* service;
  const char* operation;
};
inline constexpr ApiResource kApiResources[] = {
    {"policies", "iam", "CreatePolicy"},
    {"roles", "iam", "CreateRole"},
    {"rolePolicies", "iam", "PutRolePolicy"},
    {"rolePolicyAttachments", "iam", "AttachRolePolicy"},
    {"computeEnvironments", "batch", "CreateComputeEnvironment"},
    {"jobQueues", "batch", "CreateJobQueue"},
    {"jobDefinitions", "batch", "RegisterJobDefinition"},
    {"functions", "lambda", "CreateFunction"},
    {"activities", "stepfunctions", "CreateActivity"},
    {"stateMachines", "stepfunctions", "CreateStateMachine"},
};

struct RequestProblem {
  std::string pointer;  // below the request, e.g. "/containerProperties/imag"
  std::string message;
};

// The first problem of `request` as the input of `service`'s `operation`, or nullopt.
std::optional<RequestProblem> checkAgainstModel(const std::string& service, const std::string& operation,
                                                const stepsim::Json& request);

// The request body of `resource`, an item of the scenario's resources[kind.key]: as written, except
// that a function gets Role, Runtime and Handler defaults and its Code as a ZipFile (its package,
// or an empty one), a state machine its definition text and a role, and an IAM policy document
// written as a JSON object becomes the text IAM takes.
stepsim::Json requestBody(const Scenario& scenario, const ApiResource& kind,
                          const stepsim::Json& resource);

}  // namespace stepsim::scenario
