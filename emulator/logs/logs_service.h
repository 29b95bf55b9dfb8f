#pragma once
// The emulated CloudWatch Logs API, the part Lambda and Step Functions users need: log groups and
// streams, PutLogEvents, GetLogEvents, FilterLogEvents (what `aws logs tail` calls), retention
// and tags, over a LogStore the services also write to. Errors are the model's
// (ResourceNotFoundException, ResourceAlreadyExistsException, InvalidParameterException).
#include <string_view>

#include "emulator/core/json.h"
#include "emulator/logs/log_store.h"

namespace stepsim::logs {

class LogsService {
 public:
  explicit LogsService(core::Simulation& simulation) : store_(simulation) {}

  // Runs one operation named as in the model; `input` is already checked against its shape.
  stepsim::Json handle(std::string_view operation, const stepsim::Json& input);
  bool implements(std::string_view operation) const;

  LogStore& store() { return store_; }

 private:
  LogStore store_;
};

}  // namespace stepsim::logs
