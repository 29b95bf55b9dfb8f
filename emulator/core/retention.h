#pragma once
// Bounds how many ended records (closed executions, finished jobs) a service keeps, as AWS forgets
// them after a while. Past the limit the oldest go first, by end time then start order, so which
// ones go depends only on the virtual clock. They go at the next safe point (a timer due now), not
// from inside the code that just ended them, which may still be using them: the service's `drop`
// gets them, oldest first, and frees them. A record that runs again (a redrive) is reopened and no
// longer counts. A limit of 0 keeps everything.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "emulator/core/simulation.h"

namespace stepsim::core {

template <class Record>
class Retention {
 public:
  using Drop = std::function<void(const std::vector<Record*>& oldestFirst)>;

  Retention(Simulation& sim, std::size_t limit, Drop drop)
      : sim_(sim), limit_(limit), drop_(std::move(drop)) {}
  ~Retention() {
    if (pending_) sim_.cancel(*pending_);
  }
  Retention(const Retention&) = delete;
  Retention& operator=(const Retention&) = delete;

  // `record`, started `startOrder`-th, ended at `endedAt`; it counts as `weight` records (an array
  // job with its children). The key must be given again to reopen it.
  void ended(Record& record, TimeMs endedAt, std::uint64_t startOrder, std::size_t weight = 1) {
    if (limit_ == 0) return;
    ended_.emplace(Key{endedAt, startOrder}, Entry{&record, weight});
    kept_ += weight;
    if (kept_ > limit_ && !pending_)
      pending_ = sim_.after(0, [this] {
        pending_.reset();
        dropOverflow();
      });
  }
  void reopened(TimeMs endedAt, std::uint64_t startOrder) {
    auto it = ended_.find(Key{endedAt, startOrder});
    if (it == ended_.end()) return;
    kept_ -= it->second.weight;
    ended_.erase(it);
  }
  // Ended records counted now (dropped ones no longer are).
  std::size_t kept() const { return kept_; }

 private:
  using Key = std::pair<TimeMs, std::uint64_t>;
  struct Entry {
    Record* record;
    std::size_t weight;
  };

  void dropOverflow() {
    std::vector<Record*> oldest;
    while (kept_ > limit_ && !ended_.empty()) {
      auto first = ended_.begin();
      oldest.push_back(first->second.record);
      kept_ -= first->second.weight;
      ended_.erase(first);
    }
    if (!oldest.empty()) drop_(oldest);
  }

  Simulation& sim_;
  std::size_t limit_;
  Drop drop_;
  std::map<Key, Entry> ended_;
  std::size_t kept_ = 0;
  std::optional<TimerId> pending_;
};

}  // namespace stepsim::core
