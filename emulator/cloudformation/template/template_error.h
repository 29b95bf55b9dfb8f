#pragma once
// A template CloudFormation refuses. The message is CloudFormation's own wording ("Template format
// error: Unresolved resource dependencies [Queue] in the Resources block of the template"); the API
// answers it as a ValidationError, a stack being created fails (and rolls back) with it.
#include <stdexcept>
#include <string>

namespace stepsim::cfn {

struct TemplateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace stepsim::cfn
