#pragma once
// The emulated AWS Step Functions service: state machines, executions run by the ASL interpreter on
// the virtual clock, their histories, and task tokens. Tasks reach other services through the
// Integrations the composition root provides.
#include <functional>
#include <memory>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "emulator/core/aws_error.h"
#include "emulator/core/simulation.h"
#include "emulator/stepfunctions/engine/integrations.h"

namespace stepsim::sfn {

class SfnState;

class StepFunctionsService {
 public:
  StepFunctionsService(core::Simulation& simulation, Integrations& integrations);
  ~StepFunctionsService();
  StepFunctionsService(const StepFunctionsService&) = delete;
  StepFunctionsService& operator=(const StepFunctionsService&) = delete;

  // Runs one operation named as in the model; `input` was bound and checked by the protocol layer.
  // Throws core::AwsError with the modeled exceptions.
  nlohmann::json handle(std::string_view operation, const nlohmann::json& input);
  bool implements(std::string_view operation) const;

  // StartSyncExecution: answers when the (EXPRESS) execution ends, possibly before returning.
  // Request errors throw; the execution's result reaches `done`.
  void startSyncExecution(const nlohmann::json& input,
                          std::function<void(nlohmann::json)> done);

  // For nested executions (states:startExecution): starts one and calls `finished` when it ends.
  // Throws core::AwsError as StartExecution does. Returns the execution's ARN.
  std::string startNested(const nlohmann::json& input,
                          std::function<void(nlohmann::json describe)> finished);
  void stopExecution(const std::string& arn, const std::string& error, const std::string& cause);

 private:
  std::unique_ptr<SfnState> state_;
};

}  // namespace stepsim::sfn
