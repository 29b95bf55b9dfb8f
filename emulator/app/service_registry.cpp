// Every emulated service, one row each. Adding a service: its binding (a header declaring
// k<Service>Binding, a file serving it), its include here and its row below.
#include <algorithm>
#include <array>

#include "emulator/app/batch_binding.h"
#include "emulator/app/cloudformation_binding.h"
#include "emulator/app/iam_binding.h"
#include "emulator/app/lambda_binding.h"
#include "emulator/app/logs_binding.h"
#include "emulator/app/service_binding.h"
#include "emulator/app/sfn_binding.h"
#include "emulator/app/sts_binding.h"

namespace stepsim::app {
namespace {

// Sorted by name for binary search.
// clang-format off: one row per service
constexpr std::array kBindings{
    kBatchBinding, kCloudFormationBinding, kIamBinding, kLambdaBinding,
    kLogsBinding,  kStepFunctionsBinding,  kStsBinding,
};
// clang-format on

constexpr bool namesSorted() {
  return std::is_sorted(
      kBindings.begin(), kBindings.end(),
      [](const ServiceBinding& a, const ServiceBinding& b) { return a.name < b.name; });
}
static_assert(namesSorted());

}  // namespace

std::span<const ServiceBinding> serviceBindings() {
  return kBindings;
}

const ServiceBinding* bindingNamed(std::string_view signingName) {
  auto it = std::lower_bound(
      kBindings.begin(), kBindings.end(), signingName,
      [](const ServiceBinding& binding, std::string_view name) { return binding.name < name; });
  return it != kBindings.end() && it->name == signingName ? &*it : nullptr;
}

core::AwsError unknownOperation(std::string_view operation) {
  return core::AwsError("UnknownOperationException",
                        std::string(operation) + " is not an operation stepsim emulates", 400);
}

}  // namespace stepsim::app
