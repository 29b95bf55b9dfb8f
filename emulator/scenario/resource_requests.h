#pragma once
// Scenario resources are the services' own request shapes; these helpers check them against the
// botocore models (unknown members included, which AWS would ignore) and fill in what a scenario
// may leave out.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace stepsim::scenario {

struct RequestProblem {
  std::string pointer;  // below the request, e.g. "/containerProperties/imag"
  std::string message;
};

// The first problem of `request` as the input of `service`'s `operation`, or nullopt.
std::optional<RequestProblem> checkAgainstModel(const std::string& service, const std::string& operation,
                                                const nlohmann::json& request);

// A scenario function as a CreateFunction request: Role and Runtime defaulted, Code a ZipFile
// (`zipBase64`, or an empty package when the function has no code of its own).
nlohmann::json createFunctionRequest(const nlohmann::json& function, const std::string& zipBase64);

// The role ARN scenario resources get when they name none.
inline constexpr const char* kScenarioRoleArn = "arn:aws:iam::123456789012:role/stepsim-scenario";

}  // namespace stepsim::scenario
