#pragma once
// The CloudFormation operations, one function each, grouped by what they manage (stacks_api.cpp,
// stack_resources_api.cpp, change_sets_api.cpp, templates_api.cpp, exports_api.cpp), and what they
// share: finding stacks as CloudFormation does, reading a template and its parameters into a
// StackDefinition, and rendering.
#include <memory>
#include <string>
#include <string_view>

#include "emulator/cloudformation/cloudformation_service.h"
#include "emulator/core/json.h"

namespace stepsim::cfn {

using json = stepsim::Json;
using Handler = json (*)(CfnState&, const json&);

json createStack(CfnState& s, const json& in);
json updateStack(CfnState& s, const json& in);
json deleteStack(CfnState& s, const json& in);
json describeStacks(CfnState& s, const json& in);
json listStacks(CfnState& s, const json& in);
json updateTerminationProtection(CfnState& s, const json& in);
json describeStackEvents(CfnState& s, const json& in);
json describeStackResource(CfnState& s, const json& in);
json describeStackResources(CfnState& s, const json& in);
json listStackResources(CfnState& s, const json& in);
json createChangeSet(CfnState& s, const json& in);
json describeChangeSet(CfnState& s, const json& in);
json executeChangeSet(CfnState& s, const json& in);
json deleteChangeSet(CfnState& s, const json& in);
json listChangeSets(CfnState& s, const json& in);
json getTemplate(CfnState& s, const json& in);
json validateTemplate(CfnState& s, const json& in);
json getTemplateSummary(CfnState& s, const json& in);
json listExports(CfnState& s, const json& in);
json listImports(CfnState& s, const json& in);

// ValidationError (400) with CloudFormation's message.
[[noreturn]] void validationError(const std::string& message);
// The ValidationError of a request with no TemplateBody: a TemplateURL stepsim cannot read (no
// S3), or no template at all.
[[noreturn]] void noTemplateBody(const json& in);

// The stack `nameOrId` names: by name the live one, by id any (deleted ones too); null if none.
std::shared_ptr<Stack> findStack(const CfnState& s, std::string_view nameOrId);
// As findStack; ValidationError "Stack with id X does not exist" when there is none.
Stack& requireStack(const CfnState& s, std::string_view nameOrId);

// What CreateStack, UpdateStack, CreateChangeSet and ValidateTemplate read: the template
// (TemplateBody, or the previous one with UsePreviousTemplate), the parameters (UsePreviousValue
// taken from `previous`), capabilities and tags. Throws ValidationError for a template or
// parameters CloudFormation refuses.
StackDefinition readDefinition(const CfnState& s, const json& in, const StackDefinition* previous);
// A stack not yet created, named (checked) and configured from a CreateStack or CreateChangeSet
// request.
std::shared_ptr<Stack> newStack(CfnState& s, const std::string& name, const json& in);
// Starts creating `stack` from `definition`, or updating it to `definition`: ValidationError for
// a condition that does not evaluate.
void startCreate(CfnState& s, std::shared_ptr<Stack> stack, StackDefinition definition);
void startUpdate(CfnState& s, std::shared_ptr<Stack> stack, StackDefinition definition);

// InsufficientCapabilitiesException unless `definition` acknowledges what its template needs
// (CAPABILITY_IAM, CAPABILITY_NAMED_IAM; CAPABILITY_AUTO_EXPAND for a transform when
// `needsAutoExpand`).
void checkCapabilities(const StackDefinition& definition, bool needsAutoExpand);
// A template body read, its transforms expanded (SAM's relative paths from s.templateDirectory).
std::shared_ptr<const StackTemplate> readTemplateBody(const CfnState& s, const std::string& body);

// Rendering.
json parametersOf(const StackDefinition& definition);
std::string stackIdFor(CfnState& s, const std::string& name);

}  // namespace stepsim::cfn
