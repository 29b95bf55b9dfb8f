#pragma once
// The AWS SDK for JavaScript v3 that Node functions may import. AWS's nodejs18+ runtimes carry
// the SDK, so handlers import @aws-sdk/client-* without bundling it; stepsim gives them the copy
// it is pointed at (--node-sdk-path) or finds one where it runs (a project's test dependencies).
#include <filesystem>
#include <optional>

namespace stepsim::lambda {

// The node_modules directory `given` names (itself, or `given`/node_modules) when it holds
// @aws-sdk; nullopt otherwise.
std::optional<std::filesystem::path> nodeSdkAt(const std::filesystem::path& given);

// The first node_modules holding @aws-sdk in `start` or a directory above it, as Node itself
// looks for packages; nullopt when there is none.
std::optional<std::filesystem::path> findNodeSdk(const std::filesystem::path& start);

}  // namespace stepsim::lambda
