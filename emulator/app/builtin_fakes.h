#pragma once
// The built-in Lambda handlers of fakes/ offered to the Lambda service, reaching the emulated
// services in-process through the same handlers HTTP uses.
#include "emulator/lambda/builtin_handlers.h"

namespace stepsim::batch {
class BatchService;
}

namespace stepsim::app {

class AccountRegion;

class BuiltinFakes : public lambda::BuiltinHandlers {
 public:
  BuiltinFakes(AccountRegion& place, batch::BatchService& batch) : place_(place), batch_(batch) {}

  bool has(std::string_view name) const override;
  std::vector<std::string> names() const override;
  lambda::HandlerResult run(std::string_view name, const stepsim::Json& event,
                            const std::string& roleArn) override;

 private:
  AccountRegion& place_;
  batch::BatchService& batch_;
};

}  // namespace stepsim::app
