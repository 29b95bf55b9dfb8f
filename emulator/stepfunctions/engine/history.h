#pragma once
// An execution's history: events numbered 1..n in the order they happened, each with the id of the
// event that led to it and its details object, named as the Step Functions model names them.
//
// Events are recorded on every state transition, so they are kept cheap: the state's name is a
// pointer into the (immutable, shared) program, and the input or output an event carries is a
// shared snapshot of the state data rather than a copy. Only the rarer details (errors, task
// resources, ...) are a JSON object of their own.
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "emulator/core/json.h"
#include "emulator/core/time_types.h"

namespace stepsim::sfn {

// State data (an input, a result, an output) once produced: never modified, so a history event
// and the run that goes on with it share it.
using Data = std::shared_ptr<const stepsim::Json>;
inline Data makeData(stepsim::Json value) {
  return std::make_shared<const stepsim::Json>(std::move(value));
}

// AWS fails an execution whose history would exceed this many events.
inline constexpr std::size_t kMaxHistoryEvents = 25'000;

struct HistoryEvent {
  std::int64_t id = 0;
  std::int64_t previousEventId = 0;
  core::TimeMs timestamp = 0;
  std::string_view type;        // "TaskStateEntered"; points at a string literal
  std::string_view detailsKey;  // "stateEnteredEventDetails", or empty when there are none
  const std::string* name = nullptr;  // details "name" (state events), owned by the program
  const char* dataKey = nullptr;      // details member `data` goes in: "input", "output", ...
  Data data;
  stepsim::Json details;       // the other details members, or null

  // The details object as one JSON value (data members as JSON values, not yet as text).
  stepsim::Json detailsObject() const;
};

// What an event carries besides its type: the details key, then any of a name, data and other
// members.
struct EventDetails {
  EventDetails(std::string_view key = {}, stepsim::Json members = nullptr,
               const std::string* name = nullptr, const char* dataKey = nullptr, Data data = {})
      : key(key), members(std::move(members)), name(name), dataKey(dataKey), data(std::move(data)) {}

  std::string_view key;
  stepsim::Json members;
  const std::string* name;
  const char* dataKey;
  Data data;
};

class History {
 public:
  // Appends an event; returns its id.
  std::int64_t add(core::TimeMs at, std::string_view type, std::int64_t previous,
                   EventDetails details = {});
  const std::deque<HistoryEvent>& events() const { return events_; }
  std::size_t size() const { return events_.size(); }

  // Told of every event as it is added (execution logs); unset for most executions.
  std::function<void(const HistoryEvent&)> onEvent;

 private:
  // A deque: appending never moves the events already there (histories grow to 25,000).
  std::deque<HistoryEvent> events_;
};

// Data as the client sent it: AWS keeps the execution's input text (spacing included) for as
// long as the data passes on unchanged, and writes it out as it came.
struct SentText {
  const stepsim::Json* data = nullptr;  // the parsed value, as shared by the events
  const std::string* text = nullptr;     // what the client sent
};

// The event as GetExecutionHistory returns it; without execution data (input/output) when
// `includeData` is false. Timestamps in epoch seconds. Data that is `sent.data` is written as
// `sent.text`.
stepsim::Json renderEvent(const HistoryEvent& event, bool includeData, SentText sent = {});

}  // namespace stepsim::sfn
