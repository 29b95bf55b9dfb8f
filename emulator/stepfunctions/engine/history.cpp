#include "emulator/stepfunctions/engine/history.h"

#include "emulator/core/json_text.h"

namespace stepsim::sfn {

std::int64_t History::add(core::TimeMs at, std::string_view type, std::int64_t previous,
                          EventDetails details) {
  HistoryEvent& event = events_.emplace_back();
  event.id = static_cast<std::int64_t>(events_.size());
  event.previousEventId = previous;
  event.timestamp = at;
  event.type = type;
  event.detailsKey = details.key;
  event.name = details.name;
  event.dataKey = details.dataKey;
  event.data = std::move(details.data);
  event.details = std::move(details.members);
  if (onEvent) onEvent(event);
  return event.id;
}

stepsim::Json HistoryEvent::detailsObject() const {
  stepsim::Json out = details.is_object() ? details : stepsim::Json::object();
  if (name) out["name"] = *name;
  if (dataKey && data) out[dataKey] = *data;
  return out;
}

stepsim::Json renderEvent(const HistoryEvent& event, bool includeData, SentText sent) {
  stepsim::Json out = {{"timestamp", static_cast<double>(event.timestamp) / 1000.0},
                        {"type", event.type},
                        {"id", event.id},
                        {"previousEventId", event.previousEventId}};
  if (event.detailsKey.empty()) return out;
  stepsim::Json details = event.details.is_object() ? event.details : stepsim::Json::object();
  if (event.name) details["name"] = *event.name;
  // The data (input, output, parameters) is kept as JSON and given as text: written straight from
  // the shared snapshot, not copied into the details first.
  if (includeData && event.dataKey && event.data) {
    std::string_view key = event.dataKey;
    bool asSent = sent.text && event.data.get() == sent.data;
    details[std::string(key)] = asSent ? *sent.text : core::serializeJson(*event.data);
    if (key != "parameters") details[std::string(key) + "Details"] = {{"truncated", false}};
  }
  out[std::string(event.detailsKey)] = std::move(details);
  return out;
}

}  // namespace stepsim::sfn
