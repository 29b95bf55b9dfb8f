#include "emulator/app/sfn_task_permissions.h"

#include "emulator/batch/names.h"
#include "emulator/core/json.h"
#include "emulator/stepfunctions/definition/task_resources.h"

namespace stepsim::app {
namespace {

using sfn::IntegrationPattern;
using sfn::TaskKind;

std::string parameter(const stepsim::Json& parameters, const char* name) {
  auto it = parameters.is_object() ? parameters.find(name) : parameters.end();
  return it != parameters.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A function named by name, partial ARN or ARN, as the ARN IAM compares.
std::string functionArn(const std::string& name, const std::string& qualifier,
                        const AwsPlace& place) {
  std::string arn =
      name.starts_with("arn:") ? name
      : name.find(":function:") != std::string::npos
          ? "arn:aws:lambda:" + place.region + ":" + name
          : "arn:aws:lambda:" + place.region + ":" + place.account + ":function:" + name;
  return qualifier.empty() ? arn : arn + ":" + qualifier;
}

bool waitsForCompletion(const sfn::TaskRequest& request) {
  return request.pattern == IntegrationPattern::Sync ||
         request.pattern == IntegrationPattern::Sync2;
}

std::vector<Permission> ruleActions(const std::string& rule, const AwsPlace& place) {
  std::string arn = "arn:aws:events:" + place.region + ":" + place.account + ":rule/" + rule;
  return {{"events:PutTargets", arn}, {"events:PutRule", arn}, {"events:DescribeRule", arn}};
}

}  // namespace

std::vector<Permission> taskPermissions(const sfn::TaskRequest& request, const AwsPlace& place) {
  const stepsim::Json& p = request.parameters;
  switch (request.kind) {
    case TaskKind::LambdaArn:
      return {{"lambda:InvokeFunction", functionArn(request.resource, "", place)}};
    case TaskKind::LambdaInvoke:
      return {{"lambda:InvokeFunction",
               functionArn(parameter(p, "FunctionName"), parameter(p, "Qualifier"), place)}};
    case TaskKind::BatchSubmitJob: {
      batch::Arns arns(place.region, place.account);
      return {{"batch:SubmitJob", arns.arnOf(parameter(p, "JobDefinition"), "job-definition")},
              {"batch:SubmitJob", arns.arnOf(parameter(p, "JobQueue"), "job-queue")}};
    }
    case TaskKind::StartExecution:
      return {{"states:StartExecution", parameter(p, "StateMachineArn")}};
    case TaskKind::SdkIntegration: {
      std::string action = request.sdkService + ":" + sfn::operationName(request.sdkAction);
      std::string function = parameter(p, "FunctionName");
      // Lambda's actions are on the function; stepsim checks the others on any resource.
      return {{action, request.sdkService == "lambda" && !function.empty()
                           ? functionArn(function, parameter(p, "Qualifier"), place)
                           : "*"}};
    }
    case TaskKind::Activity:
    case TaskKind::Unemulated:
      break;
  }
  return {};
}

std::vector<Permission> managedRulePermissions(const sfn::TaskRequest& request,
                                               const AwsPlace& place) {
  if (!waitsForCompletion(request)) return {};
  if (request.kind == TaskKind::BatchSubmitJob)
    return ruleActions("StepFunctionsGetEventsForBatchJobsRule", place);
  if (request.kind == TaskKind::StartExecution)
    return ruleActions("StepFunctionsGetEventsForStepFunctionsExecutionRule", place);
  return {};
}

}  // namespace stepsim::app
