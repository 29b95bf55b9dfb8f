#pragma once
// The emulated AWS Lambda service's control plane: functions, versions, aliases, tags and account
// settings, with the shapes and errors real SDK clients expect.
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "emulator/core/simulation.h"

namespace stepsim::lambda {

class LambdaState;  // private: functions, versions, aliases

class LambdaService {
 public:
  explicit LambdaService(core::Simulation& simulation);
  ~LambdaService();
  LambdaService(const LambdaService&) = delete;
  LambdaService& operator=(const LambdaService&) = delete;

  // Runs one API operation named as in the model ("CreateFunction"). `input` has already been
  // bound and checked against the model's input shape by the protocol layer; the handler enforces
  // the rest (names, qualifiers, ranges, references, preconditions). Returns the output object;
  // throws core::AwsError with Lambda's modeled exceptions and statuses for client mistakes.
  nlohmann::json handle(std::string_view operation, const nlohmann::json& input);
  // False for operations of the model this emulator does not implement (Invoke, for now).
  bool implements(std::string_view operation) const;

 private:
  std::unique_ptr<LambdaState> state_;
};

}  // namespace stepsim::lambda
