#pragma once
// Step Functions' Task resources over the in-process services: Lambda function ARNs and
// lambda:invoke through LambdaService::invoke (so scripts, counters and faults apply), Batch
// submitJob[.sync] and the aws-sdk integrations through the Batch, Lambda and Step Functions
// handlers, nested executions through the Step Functions service itself. Errors are named as AWS
// names them.
#include "emulator/stepfunctions/engine/integrations.h"

namespace stepsim::app {

class AccountRegion;

class SfnIntegrations : public sfn::Integrations {
 public:
  explicit SfnIntegrations(AccountRegion& place) : place_(place) {}
  std::function<void()> run(const sfn::TaskRequest& request, sfn::TaskCallbacks callbacks) override;

 private:
  std::function<void()> lambdaTask(const sfn::TaskRequest& request, sfn::TaskCallbacks callbacks);
  std::function<void()> batchTask(const sfn::TaskRequest& request, sfn::TaskCallbacks callbacks);
  std::function<void()> sdkTask(const sfn::TaskRequest& request, sfn::TaskCallbacks callbacks);
  std::function<void()> sfnSdkTask(const sfn::TaskRequest& request, sfn::TaskCallbacks callbacks);
  std::function<void()> nestedExecution(const sfn::TaskRequest& request,
                                        sfn::TaskCallbacks callbacks);

  AccountRegion& place_;
};

}  // namespace stepsim::app
