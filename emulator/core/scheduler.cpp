#include "emulator/core/scheduler.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "emulator/core/throw_trace.h"

namespace stepsim::core {

TimerId Scheduler::schedule(TimeMs due, std::function<void()> action) {
  std::uint32_t index;
  if (freeSlots_.empty()) {
    index = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    index = freeSlots_.back();
    freeSlots_.pop_back();
  }
  Slot& slot = slots_[index];
  slot.action = std::move(action);
  slot.live = true;
  ++slot.generation;
  ++live_;
  heap_.push_back(Entry{due, nextSeq_++, index, slot.generation});
  std::push_heap(heap_.begin(), heap_.end(), later);
  return (static_cast<TimerId>(slot.generation) << 32) | index;
}

bool Scheduler::cancel(TimerId id) {
  std::uint32_t index = static_cast<std::uint32_t>(id & 0xffffffffu);
  std::uint32_t generation = static_cast<std::uint32_t>(id >> 32);
  if (index >= slots_.size()) return false;
  Slot& slot = slots_[index];
  if (!slot.live || slot.generation != generation) return false;
  // The heap entry stays until it reaches the top; the slot is reused only after that.
  slot.live = false;
  slot.action = nullptr;
  --live_;
  // A cancelled entry waits in the heap until it reaches the top, which a far-off one (an
  // execution's TimeoutSeconds) never does while the clock stands still (manual mode): once most
  // entries are dead, they go all at once.
  if (heap_.size() > 64 && heap_.size() > 2 * live_) compact();
  return true;
}

void Scheduler::compact() {
  std::erase_if(heap_, [this](const Entry& entry) {
    if (isLive(entry)) return false;
    freeSlots_.push_back(entry.slot);  // the entry of the slot's current generation: now unused
    return true;
  });
  // The firing order depends only on each entry's (due, seq), not on the heap's layout.
  std::make_heap(heap_.begin(), heap_.end(), later);
}

void Scheduler::popTop() {
  std::pop_heap(heap_.begin(), heap_.end(), later);
  Entry entry = heap_.back();
  heap_.pop_back();
  if (slots_[entry.slot].generation == entry.generation) freeSlots_.push_back(entry.slot);
}

void Scheduler::dropDeadTop() {
  while (!heap_.empty() && !isLive(heap_.front())) popTop();
}

std::optional<TimeMs> Scheduler::nextDue() {
  dropDeadTop();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().due;
}

bool Scheduler::fireNext(TimeMs limit, Clock& clock) {
  dropDeadTop();
  if (heap_.empty() || heap_.front().due > limit) return false;
  Entry entry = heap_.front();
  Slot& slot = slots_[entry.slot];
  std::function<void()> action = std::move(slot.action);
  slot.live = false;
  --live_;
  popTop();
  clock.advanceTo(entry.due);
  // A timer is a handler boundary: whatever its owner failed to handle is logged, and the timers
  // after it still fire.
  try {
    action();
  } catch (const std::exception& error) {
    spdlog::error("internal error in a timer due at {}: {}\n{}", entry.due,
                  describeException(error), lastThrowStack());
  }
  return true;
}

void Scheduler::clear() {
  heap_.clear();
  slots_.clear();
  freeSlots_.clear();
  live_ = 0;
}

}  // namespace stepsim::core
