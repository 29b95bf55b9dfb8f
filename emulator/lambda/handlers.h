#pragma once
// One function per Lambda operation: the bound request in, the output object out; throws
// core::AwsError with Lambda's modeled exceptions for client mistakes.
#include <cstdint>
#include <optional>
#include <string>

#include "emulator/lambda/lambda_state.h"

namespace stepsim::lambda {

json createFunction(LambdaState& s, const json& in);
json getFunction(LambdaState& s, const json& in);
json getFunctionConfiguration(LambdaState& s, const json& in);
json listFunctions(LambdaState& s, const json& in);
json deleteFunction(LambdaState& s, const json& in);
json updateFunctionCode(LambdaState& s, const json& in);
json updateFunctionConfiguration(LambdaState& s, const json& in);

json publishVersion(LambdaState& s, const json& in);
json listVersionsByFunction(LambdaState& s, const json& in);

json createAlias(LambdaState& s, const json& in);
json getAlias(LambdaState& s, const json& in);
json listAliases(LambdaState& s, const json& in);
json updateAlias(LambdaState& s, const json& in);
json deleteAlias(LambdaState& s, const json& in);

json tagResource(LambdaState& s, const json& in);
json untagResource(LambdaState& s, const json& in);
json listTags(LambdaState& s, const json& in);

json getAccountSettings(LambdaState& s, const json& in);

// Publishes $LATEST as the next version, or returns the latest version when $LATEST has not
// changed since (as AWS does). Returns the version number.
std::int64_t publishLatest(LambdaState& s, Function& fn,
                           const std::optional<std::string>& description);

}  // namespace stepsim::lambda
