#pragma once
// Step Functions Local's mock configuration (MockConfigFile.json), read unchanged and checked
// strictly:
//
//   {"StateMachines": {"<machine>": {"TestCases": {"<test case>": {"<Task state>": "<response>"}}}},
//    "MockedResponses": {"<response>": {"0": {"Return": <any JSON>},
//                                       "1-2": {"Throw": {"Error": "...", "Cause": "..."}}}}}
//
// A response's keys are 0-based invocation numbers or inclusive ranges of them. Parsed once when
// the server starts, then shared read-only by every execution that runs a test case.
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::sfn {

// The highest invocation number a key may name.
inline constexpr std::int64_t kMaxMockedInvocation = 1'000'000'000;

// One mocked answer: the task's result (Return) or its failure (Throw).
struct MockedAnswer {
  bool isThrow = false;
  stepsim::Json result;     // Return
  std::string error, cause;  // Throw
};

// A named entry of MockedResponses: the answer for each invocation number it covers.
struct MockedResponse {
  struct Entry {
    std::int64_t first = 0, last = 0;  // inclusive
    MockedAnswer answer;
  };
  std::vector<Entry> entries;  // sorted by `first`, never overlapping; gaps allowed

  // The answer for invocation `n`, or nullptr when the response gives none.
  const MockedAnswer* find(std::int64_t n) const;
};

// One test case of a state machine: the mocked response (by name) each mocked Task state uses.
struct MockTestCase {
  std::string machineName, name;
  std::map<std::string, std::string, std::less<>> states;  // state name → response name
};

struct MockConfig {
  std::map<std::string, MockedResponse, std::less<>> responses;
  // machine name → test case name → test case
  std::map<std::string, std::map<std::string, MockTestCase, std::less<>>, std::less<>> machines;

  // nullptr when the machine has no entry or no test case of that name.
  const MockTestCase* testCase(std::string_view machine, std::string_view name) const;
  // nullptr when MockedResponses has no such entry (never, for a name a test case uses).
  const MockedResponse* response(std::string_view name) const;
};

// What is wrong with a mock config and where: `pointer` is the RFC 6901 JSON pointer of the bad
// field ("" for the whole document), `file` the file it came from and `line` the line in it (empty
// and 0 when parsed from JSON). what(): "<file>:<line>: <pointer>: <message>", leaving out the
// empty parts, as scenario errors read.
class MockConfigError : public std::runtime_error {
 public:
  MockConfigError(std::string pointer, std::string message, std::string file = "", int line = 0);
  std::string file, pointer, message;
  int line = 0;
};

// Checks `document` and builds the config; throws MockConfigError at the first problem.
MockConfig parseMockConfig(const stepsim::Json& document);

// Reads and parses the file at `path`; a MockConfigError names the file (and, for text that is not
// JSON, the line the syntax error is on).
MockConfig loadMockConfigFile(const std::string& path);

}  // namespace stepsim::sfn
