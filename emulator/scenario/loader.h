#pragma once
// Loading: JSON text → schema check (the embedded scenarios/schema.json) → what the schema cannot
// say: API-shaped members against the botocore models, files that must exist, names that must be
// declared, definitions that must validate. Any problem is a ScenarioError; nothing runs.
#include <string>
#include <vector>

#include "emulator/scenario/scenario.h"

namespace stepsim::scenario {

Scenario loadScenario(const std::string& file);
// The same for text that came from elsewhere (a request body): `name` stands for the file in
// errors; relative paths start at `directory`.
Scenario loadScenarioText(std::string name, std::string text, std::filesystem::path directory);

// What a .json file beside scenarios is: a state machine definition (*.asl.json, or a top-level
// "States"), a mock config ("MockedResponses"), a JSON Schema ("$defs"), else a scenario (text that
// is not JSON counts as a scenario: loading it says what is wrong).
enum class JsonFileKind { Scenario, Definition, MockConfig, Schema };
JsonFileKind classifyJsonFile(const std::string& path, std::string_view text);

// Every *.json file below `directory`, sorted.
std::vector<std::string> jsonFilesUnder(const std::string& directory);

// Scenario files under `paths`: a file is taken as given; a directory gives the scenarios among
// its jsonFilesUnder(). Sorted, so runs and shards are stable. Throws ScenarioError for a path that
// does not exist.
std::vector<std::string> findScenarioFiles(const std::vector<std::string>& paths);

// The scenario schema's text (embedded at build time).
std::string_view scenarioSchemaText();

}  // namespace stepsim::scenario
