#pragma once
// Execution logs: what a state machine's loggingConfiguration asks Step Functions to write to
// CloudWatch Logs — each history event at or above its level (ALL, ERROR, FATAL) as AWS's JSON
// log event, with or without the execution's data (includeExecutionData). The composition root
// says where the lines go (ExecutionLogWriter); a machine without logging writes nothing.
#include <functional>
#include <string>

#include "emulator/core/json.h"
#include "emulator/core/time_types.h"

namespace stepsim::sfn {

struct Execution;

// Appends `message` at `at` to `stream` of the log group `logGroupArn` (as the destination names
// it, "arn:aws:logs:…:log-group:NAME:*").
using ExecutionLogWriter =
    std::function<void(const std::string& logGroupArn, const std::string& stream, core::TimeMs at,
                       std::string message)>;

// Makes `execution` log its events as `loggingConfiguration` asks, to `stream`; nothing for level
// OFF or without a destination.
void attachExecutionLog(Execution& execution, const stepsim::Json& loggingConfiguration,
                        const std::string& stream, const ExecutionLogWriter& write);

}  // namespace stepsim::sfn
