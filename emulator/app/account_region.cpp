#include "emulator/app/account_region.h"

#include <stdexcept>

#include "emulator/app/builtin_fakes.h"
#include "emulator/app/emulator.h"
#include "emulator/app/iam_binding.h"
#include "emulator/app/logs_binding.h"
#include "emulator/app/service_binding.h"
#include "emulator/app/sfn_integrations.h"
#include "emulator/batch/batch_service.h"
#include "emulator/lambda/lambda_service.h"
#include "emulator/stepfunctions/api/sfn_service.h"

namespace stepsim::app {

AccountRegion::AccountRegion(Emulator& emulator, core::Simulation& simulation)
    : emulator_(emulator), simulation_(simulation) {
  createServices();
}

AccountRegion::AccountRegion(Emulator& emulator, const core::Simulation& shared, AwsPlace place)
    : emulator_(emulator),
      ownSimulation_(std::make_unique<core::Simulation>(shared, std::move(place.account),
                                                        std::move(place.region))),
      simulation_(*ownSimulation_) {
  createServices();
}

AccountRegion::~AccountRegion() {
  // Executions and workers first: their callbacks reach into the other services. Each cancels
  // its own timers as it goes.
  sfn_.reset();
  lambda_.reset();
  fakes_.reset();
  batch_.reset();
  serviceStates_.clear();
}

bool AccountRegion::isAccountHome() const {
  return simulation_.config().region == emulator_.simulation().config().region;
}

void AccountRegion::createServices() {
  batch_ = std::make_unique<batch::BatchService>(simulation_);
  fakes_ = std::make_unique<BuiltinFakes>(*this, *batch_);
  lambda_ = std::make_unique<lambda::LambdaService>(simulation_);
  lambda_->setBuiltinHandlers(fakes_.get());
  lambda_->setCredentialIssuer([this](const std::string& roleArn, const std::string& function) {
    return functionCredentials(*this, roleArn, function);
  });
  lambda_->setLogWriter([this](const std::string& group, const std::string& stream,
                               std::vector<lambda::LogLine> lines) {
    writeLogLines(*this, group, stream, std::move(lines));
  });
  lambda_->setProcessHost(emulator_.processHost());
  sfnIntegrations_ = std::make_unique<SfnIntegrations>(*this);
  sfn_ = std::make_unique<sfn::StepFunctionsService>(simulation_, *sfnIntegrations_);
  sfn_->setWallTimers(emulator_.wallTimers());
  sfn_->setMockConfig(emulator_.mockConfig());
  sfn_->setExecutionStartObserver(emulator_.executionStartObserver());
  sfn_->setExecutionLogWriter([this](const std::string& groupArn, const std::string& stream,
                                     core::TimeMs at, std::string message) {
    writeLogLines(*this, logGroupNameOf(groupArn), stream, {{at, std::move(message)}});
  });
  bool home = isAccountHome();
  for (const ServiceBinding& binding : serviceBindings())
    serviceStates_.push_back(
        binding.createState && (home || !binding.global) ? binding.createState(*this) : nullptr);
}

ServiceState& AccountRegion::serviceState(const ServiceBinding& binding) {
  // `binding` may be the k<Service>Binding constant or its copy in the registry: found by name.
  const ServiceBinding* registered = bindingNamed(binding.name);
  if (!registered) throw std::logic_error(std::string(binding.name) + " is not registered");
  if (registered->global && !isAccountHome())
    return emulator_.accountRegion(simulation_.config().account).serviceState(*registered);
  auto& state = serviceStates_.at(static_cast<std::size_t>(registered - serviceBindings().data()));
  if (!state) throw std::logic_error(std::string(binding.name) + " keeps no state");
  return *state;
}

iam::PermissionMode AccountRegion::permissionMode() const {
  return emulator_.permissionMode();
}

void AccountRegion::setProcessHost(lambda::ProcessHost* host) {
  lambda_->setProcessHost(host);
}

void AccountRegion::setWallTimers(sfn::WallTimers* timers) {
  sfn_->setWallTimers(timers);
}

void AccountRegion::setMockConfig(std::shared_ptr<const sfn::MockConfig> config) {
  sfn_->setMockConfig(std::move(config));
}

void AccountRegion::setExecutionStartObserver(
    std::function<void(const std::string& executionArn)> observer) {
  sfn_->setExecutionStartObserver(std::move(observer));
}

}  // namespace stepsim::app
