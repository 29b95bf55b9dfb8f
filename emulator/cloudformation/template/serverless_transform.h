#pragma once
// The AWS SAM transform (Transform: AWS::Serverless-2016-10-31), expanded offline as SAM's
// translator expands it, for the SAM resources stepsim can run: AWS::Serverless::Function and
// AWS::Serverless::StateMachine.
//
// What the expansion gives:
//   - Globals.Function (and Globals.StateMachine: PropagateTags) merged into each resource as SAM
//     merges them: maps merged key by key, lists concatenated (global first), anything else (and
//     intrinsics) the resource's own value; the IgnoreGlobals attribute ("*" or a list of names)
//     honoured. The Globals section is removed.
//   - AWS::Serverless::Function -> AWS::Lambda::Function (same logical id); without Role, an
//     AWS::IAM::Role "<Id>Role" trusting lambda.amazonaws.com with AWSLambdaBasicExecutionRole
//     (and X-Ray / VPC policies when Tracing / VpcConfig are set, as SAM adds them); with
//     AutoPublishAlias, AWS::Lambda::Version "<Id>Version<10 hex digits>" (DeletionPolicy Retain)
//     and AWS::Lambda::Alias "<Id>Alias<Name>". The version's hash is FNV-1a over the Code object,
//     Environment and MemorySize (SAM hashes the same with SHA-1), or over every property with
//     AutoPublishAliasAllProperties, plus AutoPublishCodeSha256: the files under a LocalPath are
//     not read, so give AutoPublishCodeSha256 to publish a new version when only they change.
//   - Code: InlineCode -> {"ZipFile": ...}; a local CodeUri path -> {"LocalPath": "<absolute,
//     lexically normal path>"} (relative paths resolve against ServerlessContext::baseDirectory).
//     LocalPath is a stepsim convention, not CloudFormation's: the Lambda provisioner packs that
//     directory (or .zip file) itself, since stepsim has no S3 for `sam package` to upload to.
//   - AWS::Serverless::StateMachine -> AWS::StepFunctions::StateMachine (same logical id) with
//     Definition kept as an object (SAM writes DefinitionString; CloudFormation takes either), a
//     local DefinitionUri file (JSON or YAML) read into Definition, and without Role an
//     AWS::IAM::Role "<Id>Role" trusting states.amazonaws.com.
//   - Policies: AWS managed policy names -> "arn:aws:iam::aws:policy/[service-role/]<Name>" (SAM's
//     bundled map gives literal aws-partition ARNs too), ARNs and intrinsics kept, policy
//     documents (with Statement) -> inline policies "<Id>RolePolicy<index>", and the SAM policy
//     templates in serverless_policies.cpp with their parameters substituted as SAM does.
//   - Tags: SAM's map -> CloudFormation's [{Key, Value}] list after SAM's own tag
//     (lambda:createdBy / stateMachine:createdBy = SAM); generated roles carry the same tags.
//   - Events: stepsim emulates none of SAM's event sources (API Gateway, SQS, schedules, ...).
//     They are left out, never silently: each one is listed in the transformed template's
//     Metadata["stepsim:ignoredEvents"] as {"Resource", "Event", "Type"}, visible in GetTemplate.
//   - Intrinsics inside properties are passed through for CloudFormation to evaluate; where SAM
//     itself must read a value (AutoPublishAlias, CodeUri, DefinitionUri) a literal is required.
//   - Non-SAM resources, Parameters, Conditions, Outputs and the rest are kept as they are.
//
// Failures are CloudFormation's: TemplateError("Transform AWS::Serverless-2016-10-31 failed with:
// Invalid Serverless Application Specification document. Number of errors found: 2. Resource with
// id [A] is invalid. <why> Resource with id [B] is invalid. <why>"). stepsim's own refusals use the
// same form: S3 CodeUri / DefinitionUri (stepsim does not emulate S3), images, the other
// AWS::Serverless::* types (Api, HttpApi, SimpleTable, LayerVersion, Application, Connector,
// GraphQLApi), properties needing services stepsim lacks (DeploymentPreference,
// EventInvokeConfig, FunctionUrlConfig) and policy templates it does not carry.
//
// Deterministic (same document and context, same result) and bounded: documents nesting deeper
// than kMaxTemplateDepth and DefinitionUri files over 1 MiB are refused.
#include <string>
#include <string_view>

#include "emulator/core/json.h"

namespace stepsim::cfn {

inline constexpr std::string_view kServerlessTransform = "AWS::Serverless-2016-10-31";

struct ServerlessContext {
  // Relative CodeUri and DefinitionUri paths resolve against this absolute directory (the
  // template file's). When empty, relative paths are refused.
  std::string baseDirectory;
};

// Whether the document's Transform names AWS::Serverless-2016-10-31 (a string or in a list).
bool usesServerlessTransform(const stepsim::Json& document);

// `document` with its SAM resources expanded into plain CloudFormation and the transform removed
// from Transform (others, such as AWS::LanguageExtensions, kept; Transform removed when none is
// left). Throws TemplateError as described above.
stepsim::Json expandServerless(const stepsim::Json& document, const ServerlessContext& context);

}  // namespace stepsim::cfn
