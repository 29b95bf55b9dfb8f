#pragma once
// A scenario file, loaded and checked: the format is scenarios/schema.json; this is the checked
// document plus what loading resolved (files read, defaults applied).
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "emulator/core/clock.h"
#include "emulator/core/json.h"
#include "emulator/core/time_types.h"
#include "emulator/iam/permission_mode.h"

namespace stepsim::sfn {
struct MockConfig;
}

namespace stepsim::scenario {

// A file that cannot be used: which file, where in it (JSON pointer, and line when known), and why.
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(std::string file, std::string pointer, int line, std::string message);
  std::string file, pointer, message;
  int line = 0;
};

struct Scenario {
  std::string file;                // as named on the command line
  std::filesystem::path directory; // relative paths in the file start here
  std::string text;                // the file's text, for line numbers
  stepsim::Json doc;              // checked against the schema
  std::string name;
  std::uint64_t seed = 42;
  core::TimeMs start = 0;
  core::ClockMode mode = core::ClockMode::Auto;
  core::TimeMs limitMs = 0;
  std::map<std::string, std::string> definitions;  // state machine name → definition text
  // A state machine's published versions, numbered from 1 in this order.
  struct PublishedVersion {
    std::string definition, description;
  };
  std::map<std::string, std::vector<PublishedVersion>> versions;  // by state machine name
  std::map<std::string, std::string> packages;     // function name → ZIP bytes of its real code
  std::shared_ptr<const sfn::MockConfig> mockConfig;
  iam::PermissionMode permissionMode = iam::PermissionMode::Off;  // the file's "iam"
  // resources.stack: a CloudFormation stack made before time starts.
  struct Stack {
    std::string name;
    std::string templateBody;
    std::filesystem::path directory;  // the template's: SAM's relative CodeUri paths start here
    stepsim::Json parameters;         // {name: value}
    bool makesFunctions = false;      // its functions run their code for real
  };
  std::optional<Stack> stack;

  // True when some function runs real code: the run then needs processes and a loopback endpoint.
  bool runsRealCode() const { return !packages.empty() || (stack && stack->makesFunctions); }
  // ScenarioError at `pointer` in this file.
  ScenarioError error(const std::string& pointer, std::string message) const;
};

}  // namespace stepsim::scenario
