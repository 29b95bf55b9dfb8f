#include "emulator/app/builtin_fakes.h"

#include "fakes/fake.h"

namespace stepsim::app {

bool BuiltinFakes::has(std::string_view name) const {
  return fakes::findFake(name) != nullptr;
}

std::vector<std::string> BuiltinFakes::names() const {
  return fakes::fakeNames();
}

lambda::HandlerResult BuiltinFakes::run(std::string_view name, const stepsim::Json& event) {
  const fakes::Fake* fake = fakes::findFake(name);
  lambda::HandlerResult result;
  if (!fake) {
    result.failed = true;
    result.errorType = "Runtime.HandlerNotFound";
    result.errorMessage = "No built-in handler fake:" + std::string(name);
    return result;
  }
  fakes::FakeContext context{batch_};
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
