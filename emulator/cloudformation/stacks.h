#pragma once
// A region's stacks as CloudFormation keeps them: each stack's template and parameters, its
// resources, its events (the stack's whole story, newest last), its outputs and change sets, and
// the exports every stack shares.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/cloudformation/template/stack_template.h"
#include "emulator/core/json.h"
#include "emulator/core/time_types.h"

namespace stepsim::cfn {

struct StackEvent {
  std::string eventId;
  std::string logicalId;   // the stack's name for the stack's own events
  std::string physicalId;  // the stack's id for the stack's own events
  std::string resourceType;
  std::string status;
  std::string reason;
  stepsim::Json properties;  // the resource's evaluated properties, null for none
  core::TimeMs timestamp = 0;
};

struct StackResource {
  std::string logicalId;
  std::string type;
  std::string physicalId;  // empty until created
  std::string status;
  std::string reason;
  core::TimeMs updated = 0;
  stepsim::Json properties;  // evaluated, as last provisioned
  stepsim::Json attributes = stepsim::Json::object();
  stepsim::Json metadata;
};

// What a template and its parameters become once read: the input of a stack operation.
struct StackDefinition {
  std::string templateBody;
  std::shared_ptr<const StackTemplate> stackTemplate;
  std::vector<std::pair<std::string, std::string>> givenParameters;  // as the client sent them
  std::map<std::string, stepsim::Json> parameterValues;              // resolved
  std::vector<std::string> capabilities;
  stepsim::Json tags = stepsim::Json::array();  // [{Key, Value}]
};

struct ChangeSet {
  std::string id;  // arn:aws:cloudformation:<region>:<account>:changeSet/<name>/<uuid>
  std::string name;
  std::string description;
  std::string type;  // CREATE or UPDATE
  std::string status = "CREATE_COMPLETE";
  std::string statusReason;
  std::string executionStatus = "AVAILABLE";
  core::TimeMs created = 0;
  StackDefinition definition;
  stepsim::Json changes = stepsim::Json::array();  // [{Type: Resource, ResourceChange: {...}}]
};

struct Stack {
  std::string id;  // arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>
  std::string name;
  std::string status;
  std::string statusReason;
  core::TimeMs created = 0;
  std::optional<core::TimeMs> lastUpdated, deleted;
  StackDefinition definition;
  bool disableRollback = false;
  bool deleteOnFailure = false;  // OnFailure: DELETE
  bool terminationProtection = false;
  std::optional<int> timeoutInMinutes;
  std::vector<std::string> notificationArns;
  std::string roleArn;
  std::map<std::string, StackResource> resources;  // by logical id
  std::vector<StackEvent> events;                  // oldest first
  stepsim::Json outputs = stepsim::Json::array();  // [{OutputKey, OutputValue, ...}]
  std::vector<std::shared_ptr<ChangeSet>> changeSets;
  std::string lastChangeSetId;
  std::set<std::string> imports;  // export names its template imports (Fn::ImportValue)

  bool inProgress() const { return status.ends_with("_IN_PROGRESS"); }
  bool isDeleted() const { return status == "DELETE_COMPLETE"; }
};

struct Export {
  std::string name;
  std::string value;
  std::string stackId;
  std::string stackName;
};

}  // namespace stepsim::cfn
