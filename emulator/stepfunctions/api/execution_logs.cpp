#include "emulator/stepfunctions/api/execution_logs.h"

#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/engine/execution.h"

namespace stepsim::sfn {
namespace {

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// ERROR logs the events of failures; FATAL only the execution's own end by failure.
bool logged(std::string_view level, std::string_view type) {
  if (level == "ALL") return true;
  bool executionEnd =
      type == "ExecutionFailed" || type == "ExecutionAborted" || type == "ExecutionTimedOut";
  if (level == "FATAL") return executionEnd;
  return executionEnd || endsWith(type, "Failed") || endsWith(type, "TimedOut") ||
         endsWith(type, "Aborted");
}

std::string logGroupArn(const stepsim::Json& configuration) {
  const stepsim::Json& destinations = configuration.value("destinations", stepsim::Json::array());
  if (destinations.empty()) return {};
  const stepsim::Json& group = destinations[0].value("cloudWatchLogsLogGroup", stepsim::Json());
  return group.is_object() ? group.value("logGroupArn", std::string()) : std::string();
}

}  // namespace

void attachExecutionLog(Execution& execution, const stepsim::Json& configuration,
                        const std::string& stream, const ExecutionLogWriter& write) {
  std::string level = configuration.value("level", std::string("OFF"));
  std::string group = logGroupArn(configuration);
  if (level == "OFF" || group.empty() || !write) return;
  bool includeData = configuration.value("includeExecutionData", false);
  // The listener lives in the execution's history, so the execution outlives it.
  execution.history.onEvent = [write, level, group, stream, includeData,
                               &execution](const HistoryEvent& event) {
    if (!logged(level, event.type)) return;
    // AWS's log event: ids and the timestamp as text, the details as GetExecutionHistory has them
    // (the input as the client wrote it).
    stepsim::Json rendered =
        renderEvent(event, includeData, SentText{execution.input.get(), &execution.inputText});
    stepsim::Json details = event.detailsKey.empty() ? stepsim::Json::object()
                                                     : rendered.value(std::string(event.detailsKey),
                                                                      stepsim::Json::object());
    stepsim::Json message = {{"id", std::to_string(event.id)},
                             {"type", event.type},
                             {"details", std::move(details)},
                             {"previous_event_id", std::to_string(event.previousEventId)},
                             {"event_timestamp", std::to_string(event.timestamp)},
                             {"execution_arn", execution.arn}};
    write(group, stream, event.timestamp, core::serializeJson(message));
  };
}

}  // namespace stepsim::sfn
