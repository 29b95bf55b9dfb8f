#pragma once
// The one timer queue of a simulation. Timers are ordered by (due time, scheduling sequence), so
// timers due at the same instant fire in the order they were scheduled, whatever the mode.
#include <cstdint>
#include <functional>
#include <optional>
#include <unordered_set>
#include <vector>

#include "emulator/core/clock.h"

namespace stepsim::core {

using TimerId = std::uint64_t;

class Scheduler {
 public:
  TimerId schedule(TimeMs due, std::function<void()> action);
  // Returns false when the timer already fired, was cancelled, or never existed.
  bool cancel(TimerId id);

  // Due time of the earliest live timer.
  std::optional<TimeMs> nextDue();
  // Fires the earliest live timer if it is due at or before `limit`: the clock first moves to the
  // timer's due time. Returns false when no timer is due by then.
  bool fireNext(TimeMs limit, Clock& clock);

  std::size_t pending() const { return heap_.size() - cancelled_.size(); }
  void clear();

 private:
  struct Entry {
    TimeMs due;
    std::uint64_t seq;
    std::function<void()> action;
  };
  static bool later(const Entry& a, const Entry& b) {
    return a.due != b.due ? a.due > b.due : a.seq > b.seq;
  }
  void dropCancelledTop();

  std::vector<Entry> heap_;
  std::unordered_set<TimerId> cancelled_;
  std::unordered_set<TimerId> live_;
  std::uint64_t nextSeq_ = 1;
};

}  // namespace stepsim::core
