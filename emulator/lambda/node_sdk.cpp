#include "emulator/lambda/node_sdk.h"

namespace stepsim::lambda {

namespace fs = std::filesystem;

namespace {

bool holdsSdk(const fs::path& nodeModules) {
  std::error_code ec;
  return fs::is_directory(nodeModules / "@aws-sdk", ec);
}

}  // namespace

std::optional<fs::path> nodeSdkAt(const fs::path& given) {
  std::error_code ec;
  fs::path absolute = fs::absolute(given, ec);
  if (ec) return std::nullopt;
  for (const fs::path& candidate : {absolute, absolute / "node_modules"})
    if (holdsSdk(candidate)) return fs::weakly_canonical(candidate, ec);
  return std::nullopt;
}

std::optional<fs::path> findNodeSdk(const fs::path& start) {
  std::error_code ec;
  for (fs::path directory = fs::absolute(start, ec); !ec; directory = directory.parent_path()) {
    if (holdsSdk(directory / "node_modules")) return directory / "node_modules";
    if (directory == directory.root_path()) break;
  }
  return std::nullopt;
}

}  // namespace stepsim::lambda
