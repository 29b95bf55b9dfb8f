#pragma once
// The permissions a Step Functions task needs from its execution role, as AWS documents them for
// each integration ("IAM policies for integrated services"): what AWS checks when the call is
// made. docs/iam.md lists them for users.
#include <string>
#include <vector>

#include "emulator/app/permission_checks.h"
#include "emulator/stepfunctions/engine/integrations.h"

namespace stepsim::app {

// The calls the task makes: lambda:InvokeFunction on the function, batch:SubmitJob on the job
// definition and the job queue, states:StartExecution on the state machine, <service>:<Action>
// for aws-sdk tasks.
std::vector<Permission> taskPermissions(const sfn::TaskRequest& request, const AwsPlace& place);

// What a .sync task needs to create the EventBridge managed rule it waits on (none for others).
std::vector<Permission> managedRulePermissions(const sfn::TaskRequest& request,
                                               const AwsPlace& place);

}  // namespace stepsim::app
