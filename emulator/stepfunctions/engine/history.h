#pragma once
// An execution's history: events numbered 1..n in the order they happened, each with the id of the
// event that led to it and its details object, named as the Step Functions model names them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/core/time_types.h"

namespace stepsim::sfn {

// AWS fails an execution whose history would exceed this many events.
inline constexpr std::size_t kMaxHistoryEvents = 25'000;

struct HistoryEvent {
  std::int64_t id = 0;
  std::int64_t previousEventId = 0;
  core::TimeMs timestamp = 0;
  std::string_view type;        // "TaskStateEntered"; points at a string literal
  std::string_view detailsKey;  // "stateEnteredEventDetails", or empty when there are none
  nlohmann::json details;
};

class History {
 public:
  // Appends an event; returns its id.
  std::int64_t add(core::TimeMs at, std::string_view type, std::int64_t previous,
                   std::string_view detailsKey = {}, nlohmann::json details = nullptr);
  const std::vector<HistoryEvent>& events() const { return events_; }
  std::size_t size() const { return events_.size(); }

 private:
  std::vector<HistoryEvent> events_;
};

// The event as GetExecutionHistory returns it; without execution data (input/output) when
// `includeData` is false. Timestamps in epoch seconds.
nlohmann::json renderEvent(const HistoryEvent& event, bool includeData);

}  // namespace stepsim::sfn
