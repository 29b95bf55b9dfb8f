#pragma once
// The one timer queue of a simulation. Timers are ordered by (due time, scheduling sequence), so
// timers due at the same instant fire in the order they were scheduled, whatever the mode.
#include <cstdint>
#include <functional>
#include <optional>
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
  // timer's due time. Returns false when no timer is due by then. An exception escaping the
  // timer's action is logged with its stack and goes no further.
  bool fireNext(TimeMs limit, Clock& clock);

  std::size_t pending() const { return live_; }
  // Entries the queue holds, cancelled ones not yet discarded included (at most about twice
  // pending(), so cancelled far-off timers do not pile up while the clock stands still).
  std::size_t queued() const { return heap_.size(); }
  void clear();

 private:
  // The heap holds small plain entries; actions live in reusable slots. A TimerId names a slot and
  // the generation it was scheduled in, so cancelling a fired or reused slot is detected.
  struct Entry {
    TimeMs due;
    std::uint64_t seq;
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct Slot {
    std::function<void()> action;
    std::uint32_t generation = 0;
    bool live = false;
  };
  static bool later(const Entry& a, const Entry& b) {
    return a.due != b.due ? a.due > b.due : a.seq > b.seq;
  }
  bool isLive(const Entry& entry) const {
    const Slot& slot = slots_[entry.slot];
    return slot.live && slot.generation == entry.generation;
  }
  void popTop();
  void dropDeadTop();
  void compact();

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> freeSlots_;
  std::size_t live_ = 0;
  std::uint64_t nextSeq_ = 1;
};

}  // namespace stepsim::core
