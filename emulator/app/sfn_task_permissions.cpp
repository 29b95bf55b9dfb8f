#include "emulator/app/sfn_task_permissions.h"

#include "emulator/batch/names.h"
#include "emulator/core/json.h"
#include "emulator/stepfunctions/definition/task_resources.h"

namespace stepsim::app {
namespace {

using sfn::IntegrationPattern;
using sfn::TaskKind;

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
      return {{"lambda:InvokeFunction", lambdaFunctionArn(request.resource, "", place)}};
    case TaskKind::LambdaInvoke:
      return {{"lambda:InvokeFunction", lambdaFunctionArn(stringMember(p, "FunctionName"),
                                                          stringMember(p, "Qualifier"), place)}};
    case TaskKind::BatchSubmitJob: {
      batch::Arns arns(place.region, place.account);
      return {{"batch:SubmitJob", arns.arnOf(stringMember(p, "JobDefinition"), "job-definition")},
              {"batch:SubmitJob", arns.arnOf(stringMember(p, "JobQueue"), "job-queue")}};
    }
    case TaskKind::StartExecution:
      return {{"states:StartExecution", stringMember(p, "StateMachineArn")}};
    case TaskKind::SdkIntegration: {
      // IAM names Step Functions' actions "states:", its aws-sdk integration "sfn".
      std::string prefix = request.sdkService == "sfn" ? "states" : request.sdkService;
      std::string action = prefix + ":" + sfn::operationName(request.sdkAction);
      std::string function = stringMember(p, "FunctionName");
      // Lambda's actions are on the function; stepsim checks the others on any resource.
      return {{action, request.sdkService == "lambda" && !function.empty()
                           ? lambdaFunctionArn(function, stringMember(p, "Qualifier"), place)
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
