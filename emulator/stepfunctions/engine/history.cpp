#include "emulator/stepfunctions/engine/history.h"

#include "emulator/core/json_text.h"

namespace stepsim::sfn {

std::int64_t History::add(core::TimeMs at, std::string_view type, std::int64_t previous,
                          std::string_view detailsKey, nlohmann::json details) {
  HistoryEvent event;
  event.id = static_cast<std::int64_t>(events_.size()) + 1;
  event.previousEventId = previous;
  event.timestamp = at;
  event.type = type;
  event.detailsKey = detailsKey;
  event.details = std::move(details);
  events_.push_back(std::move(event));
  return events_.back().id;
}

nlohmann::json renderEvent(const HistoryEvent& event, bool includeData) {
  nlohmann::json out = {{"timestamp", static_cast<double>(event.timestamp) / 1000.0},
                        {"type", event.type},
                        {"id", event.id},
                        {"previousEventId", event.previousEventId}};
  if (!event.detailsKey.empty()) {
    nlohmann::json details = event.details.is_object() ? event.details : nlohmann::json::object();
    if (!includeData) {
      for (const char* key : {"input", "output", "parameters"}) details.erase(key);
    } else {
      // Kept as JSON values in memory; the API gives them as JSON text.
      for (const char* key : {"input", "output"}) {
        auto it = details.find(key);
        if (it == details.end()) continue;
        *it = core::serializeJson(*it);
        details[std::string(key) + "Details"] = {{"truncated", false}};
      }
    }
    out[std::string(event.detailsKey)] = std::move(details);
  }
  return out;
}

}  // namespace stepsim::sfn
