#include "emulator/core/scheduler.h"

#include <algorithm>

namespace stepsim::core {

// A timer's id is its sequence number: unique, increasing, and known to the heap entry.
TimerId Scheduler::schedule(TimeMs due, std::function<void()> action) {
  TimerId id = nextSeq_++;
  heap_.push_back(Entry{due, id, std::move(action)});
  std::push_heap(heap_.begin(), heap_.end(), later);
  live_.insert(id);
  return id;
}

bool Scheduler::cancel(TimerId id) {
  if (live_.erase(id) == 0) return false;
  cancelled_.insert(id);
  return true;
}

void Scheduler::dropCancelledTop() {
  while (!heap_.empty() && !cancelled_.empty() && cancelled_.count(heap_.front().seq)) {
    cancelled_.erase(heap_.front().seq);
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
  }
}

std::optional<TimeMs> Scheduler::nextDue() {
  dropCancelledTop();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().due;
}

bool Scheduler::fireNext(TimeMs limit, Clock& clock) {
  dropCancelledTop();
  if (heap_.empty() || heap_.front().due > limit) return false;
  std::pop_heap(heap_.begin(), heap_.end(), later);
  Entry entry = std::move(heap_.back());
  heap_.pop_back();
  live_.erase(entry.seq);
  clock.advanceTo(entry.due);
  entry.action();
  return true;
}

void Scheduler::clear() {
  heap_.clear();
  cancelled_.clear();
  live_.clear();
}

}  // namespace stepsim::core
