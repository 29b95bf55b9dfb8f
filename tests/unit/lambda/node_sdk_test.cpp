// Where Node functions find the AWS SDK for JavaScript v3: a given directory or its node_modules,
// or the nearest node_modules holding @aws-sdk from a directory upward.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "emulator/lambda/node_sdk.h"

namespace fs = std::filesystem;
using stepsim::lambda::findNodeSdk;
using stepsim::lambda::nodeSdkAt;

namespace {

// project/node_modules/@aws-sdk and project/a/b, removed afterwards.
struct Project {
  fs::path root =
      fs::temp_directory_path() / ("stepsim-node-sdk-" + std::to_string(std::random_device{}()));
  Project() {
    fs::create_directories(root / "node_modules" / "@aws-sdk" / "client-batch");
    fs::create_directories(root / "a" / "b");
  }
  ~Project() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

}  // namespace

TEST_CASE("nodeSdkAt takes a node_modules or the directory that has one") {
  Project project;
  fs::path modules = fs::weakly_canonical(project.root / "node_modules");
  CHECK(nodeSdkAt(project.root) == modules);
  CHECK(nodeSdkAt(project.root / "node_modules") == modules);
  CHECK_FALSE(nodeSdkAt(project.root / "a"));
  CHECK_FALSE(nodeSdkAt(project.root / "absent"));
}

TEST_CASE("findNodeSdk looks from a directory upward, as Node does") {
  Project project;
  CHECK(findNodeSdk(project.root / "a" / "b") == project.root / "node_modules");
  CHECK(findNodeSdk(project.root) == project.root / "node_modules");
  fs::remove_all(project.root / "node_modules" / "@aws-sdk");
  std::optional<fs::path> found = findNodeSdk(project.root / "a" / "b");
  // Nothing in the project; whatever a directory above the temporary one may hold is not its.
  CHECK((!found || found->parent_path() != project.root));
}
