#include "emulator/app/builtin_fakes.h"

#include "emulator/app/account_region.h"
#include "emulator/app/permission_checks.h"
#include "fakes/fake.h"

namespace stepsim::app {

bool BuiltinFakes::has(std::string_view name) const {
  return fakes::findFake(name) != nullptr;
}

std::vector<std::string> BuiltinFakes::names() const {
  return fakes::fakeNames();
}

lambda::HandlerResult BuiltinFakes::run(std::string_view name, const stepsim::Json& event,
                                        const std::string& roleArn) {
  const fakes::Fake* fake = fakes::findFake(name);
  lambda::HandlerResult result;
  if (!fake) {
    result.failed = true;
    result.errorType = "Runtime.HandlerNotFound";
    result.errorMessage = "No built-in handler fake:" + std::string(name);
    return result;
  }
  const core::SimulationConfig& config = place_.simulation().config();
  fakes::FakeContext context{batch_, nullptr, config.region, config.account};
  // The calls a fake makes are checked against its function's role, as real code's are.
  context.authorize = [this, &roleArn](const std::string& action, const std::string& resource) {
    if (auto denied = deniedPermission(place_, roleArn, {{action, resource}})) throw *denied;
  };
  fakes::FakeResult outcome = (*fake)(context, event);
  if (outcome.ok()) {
    result.value = outcome.value();
  } else {
    result.failed = true;
    result.errorType = outcome.error().errorType;
    result.errorMessage = outcome.error().errorMessage;
  }
  return result;
}

}  // namespace stepsim::app
