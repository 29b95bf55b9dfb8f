#pragma once
// The Lambda service's resources as plain values: functions, their $LATEST configuration, the
// versions published from it, aliases and tags. Maps keep a defined (sorted) output order.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/json.h"

namespace stepsim::lambda {

using json = stepsim::Json;
using StringMap = std::map<std::string, std::string, std::less<>>;

// Everything a published version freezes.
struct FunctionConfig {
  std::string runtime, role, handler, description;
  int timeout = 3;
  int memorySize = 128;
  std::optional<StringMap> environment;  // absent: no Environment member at all
  std::vector<std::string> architectures{"x86_64"};
  int ephemeralStorage = 512;
  std::string tracingMode = "PassThrough";
  // The package bytes, shared by the versions published from the same code.
  std::shared_ptr<const std::string> code;
  std::string codeSha256;  // base64 SHA-256 of *code
  std::int64_t codeSize = 0;
  std::string lastModified;  // ISO-8601, Lambda style
  std::string revisionId;
};

struct Alias {
  std::string name;
  std::string functionVersion;  // "$LATEST" or "N"
  std::string description;
  json routingConfig;  // null when none
  std::string revisionId;
};

struct Function {
  std::string name;
  FunctionConfig latest;
  std::map<std::int64_t, FunctionConfig> versions;  // published, by number
  std::int64_t nextVersion = 1;                     // numbers are never reused
  std::map<std::string, Alias, std::less<>> aliases;
  StringMap tags;
};

}  // namespace stepsim::lambda
