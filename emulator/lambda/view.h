#pragma once
// How resources look on the wire.
#include <string_view>

#include "emulator/lambda/lambda_state.h"

namespace stepsim::lambda {

// FunctionConfiguration for `config` of `fn`, reported as `version` with FunctionArn carrying
// `arnQualifier` (empty for the unqualified ARN).
json renderConfiguration(const LambdaState& s, const Function& fn, const FunctionConfig& config,
                         std::string_view version, std::string_view arnQualifier);
json renderConfiguration(const LambdaState& s, const Resolved& resolved);
json renderAlias(const LambdaState& s, const Function& fn, const Alias& alias);

}  // namespace stepsim::lambda
