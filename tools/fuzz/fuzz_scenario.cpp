// Fuzz target: the scenario loader (`stepsim run`/`validate`, POST /_stepsim/scenario). Input: a
// scenario file's text. Loading checks it against the schema, the service models and the
// definitions it names; every problem must be a ScenarioError. Relative paths start in an empty
// directory, so what a file refers to is missing unless it is absolute.
#include <filesystem>
#include <string>

#include "emulator/scenario/loader.h"
#include "tools/fuzz/fuzz_support.h"

using namespace stepsim;

namespace {

const std::filesystem::path& emptyDirectory() {
  static const std::filesystem::path directory = [] {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "stepsim-fuzz-scenario";
    std::filesystem::create_directories(dir);
    return dir;
  }();
  return directory;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    (void)scenario::loadScenarioText("fuzz.json", std::string(fuzz::asText(data, size)), emptyDirectory());
  } catch (const scenario::ScenarioError&) {
  }
  return 0;
}
