#pragma once
// The emulated services of one AWS account in one region: its Batch, Lambda and Step Functions,
// the per-service states (CloudWatch Logs, CloudFormation) and the integrations and fakes that
// join them. Resources live here, as on AWS, so a client signing for eu-west-1 does not see
// us-east-1's; its ARNs carry this account and region, and its executions call the functions and
// queues beside them. IAM is the account's in every region: its state lives in the account's home
// region (the server's default) and the other regions reach it there. All share the Emulator's
// clock, timers and id streams.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "emulator/app/permission_checks.h"
#include "emulator/core/simulation.h"
#include "emulator/iam/permission_mode.h"

namespace stepsim::batch {
class BatchService;
}
namespace stepsim::lambda {
class LambdaService;
class ProcessHost;
}  // namespace stepsim::lambda
namespace stepsim::sfn {
struct MockConfig;
class StepFunctionsService;
class WallTimers;
}  // namespace stepsim::sfn

namespace stepsim::app {

class BuiltinFakes;
class Emulator;
class SfnIntegrations;
struct ServiceBinding;
struct ServiceState;

class AccountRegion {
 public:
  // `simulation` is the Emulator's own for its default account and region, else a view of it
  // from `place` (owned here).
  AccountRegion(Emulator& emulator, core::Simulation& simulation);
  AccountRegion(Emulator& emulator, const core::Simulation& shared, AwsPlace place);
  ~AccountRegion();
  AccountRegion(const AccountRegion&) = delete;
  AccountRegion& operator=(const AccountRegion&) = delete;

  Emulator& emulator() { return emulator_; }
  // The simulation as seen from here: config() names this account and region.
  core::Simulation& simulation() { return simulation_; }
  AwsPlace place() const { return {simulation_.config().region, simulation_.config().account}; }
  // The server's default region: where the account's IAM lives.
  bool isAccountHome() const;

  batch::BatchService& batch() { return *batch_; }
  lambda::LambdaService& lambda() { return *lambda_; }
  sfn::StepFunctionsService& sfn() { return *sfn_; }
  // The state `binding`'s createState made here, or (IAM's, a global service) in the account's
  // home region.
  ServiceState& serviceState(const ServiceBinding& binding);
  iam::PermissionMode permissionMode() const;

  // Server configuration, passed on from the Emulator (see its setters).
  void setProcessHost(lambda::ProcessHost* host);
  void setWallTimers(sfn::WallTimers* timers);
  void setMockConfig(std::shared_ptr<const sfn::MockConfig> config);
  void setExecutionStartObserver(std::function<void(const std::string& executionArn)> observer);

 private:
  void createServices();

  Emulator& emulator_;
  std::unique_ptr<core::Simulation> ownSimulation_;  // a view, except for the default place
  core::Simulation& simulation_;
  std::unique_ptr<batch::BatchService> batch_;
  std::unique_ptr<BuiltinFakes> fakes_;
  std::unique_ptr<lambda::LambdaService> lambda_;
  std::unique_ptr<SfnIntegrations> sfnIntegrations_;
  std::unique_ptr<sfn::StepFunctionsService> sfn_;
  std::vector<std::unique_ptr<ServiceState>> serviceStates_;  // by index in serviceBindings()
};

}  // namespace stepsim::app
