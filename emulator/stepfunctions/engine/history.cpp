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
  return event.id;
}

nlohmann::json HistoryEvent::detailsObject() const {
  nlohmann::json out = details.is_object() ? details : nlohmann::json::object();
  if (name) out["name"] = *name;
  if (dataKey && data) out[dataKey] = *data;
  return out;
}

nlohmann::json renderEvent(const HistoryEvent& event, bool includeData, SentText sent) {
  nlohmann::json out = {{"timestamp", static_cast<double>(event.timestamp) / 1000.0},
                        {"type", event.type},
                        {"id", event.id},
                        {"previousEventId", event.previousEventId}};
  if (event.detailsKey.empty()) return out;
  nlohmann::json details = event.details.is_object() ? event.details : nlohmann::json::object();
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
