#pragma once
// Function names as callers write them: "fn", "fn:qualifier", "123456789012:function:fn[:q]" or
// "arn:aws:lambda:REGION:ACCOUNT:function:fn[:q]", and the ARNs the service answers with.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stepsim::lambda {

struct FunctionRef {
  std::string name;
  std::optional<std::string> qualifier;  // "$LATEST", "3" or an alias name
  // Set when the caller named another region or account: such a function never exists here.
  bool foreign = false;
  // The region and account the caller named: this service's when it named neither.
  std::string region, account;
};

class Arns {
 public:
  Arns(std::string region, std::string account);
  // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]
  std::string function(std::string_view name, std::string_view qualifier = "") const;
  // The same, in the region and account `ref` names.
  std::string function(const FunctionRef& ref, std::string_view qualifier) const;
  const std::string& region() const { return region_; }
  // Parses every accepted form; throws InvalidParameterValueException naming `field` otherwise.
  FunctionRef parse(std::string_view text, std::string_view field = "FunctionName") const;
  // parse() plus the separate Qualifier parameter: they must agree when both are given.
  FunctionRef parseQualified(std::string_view text,
                             const std::optional<std::string>& qualifier) const;

 private:
  std::string region_, account_;
};

// All digits: a qualifier that names a version, never an alias (alias names are not all digits).
bool isVersionNumber(std::string_view text);
// The version a qualifier names, written as Lambda writes versions ("1", "42"); nullopt for any
// other spelling ("01", past 64 bits), which names no version.
std::optional<std::int64_t> versionNumber(std::string_view text);
bool isValidFunctionName(std::string_view name);  // 1-64 of [a-zA-Z0-9-_]

}  // namespace stepsim::lambda
