#pragma once
// A Simulation is the one owner of emulated time and randomness: the clock, the timer queue and
// the seeded id streams. It is touched only from the thread that drives it; nothing here blocks.
// Resources live per (account, region), and the services of each pair see the simulation from
// there: a Simulation made elsewhere from another shares its time and randomness, and its config
// names its own account and region.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "emulator/core/clock.h"
#include "emulator/core/random.h"
#include "emulator/core/scheduler.h"
#include "emulator/core/trace.h"

namespace stepsim::core {

struct SimulationConfig {
  static constexpr std::uint64_t kDefaultSeed = 42;
  static constexpr TimeMs kDefaultStartTime = 1767225600000;  // 2026-01-01T00:00:00.000Z

  std::string region = "us-east-1";
  std::string account = "123456789012";
  std::uint64_t seed = kDefaultSeed;
  TimeMs startTime = kDefaultStartTime;
  ClockMode mode = ClockMode::Auto;
  double timeScale = 1.0;  // realtime mode: virtual seconds per wall second
  // How long GetActivityTask waits for a task before answering with none. Wall time, as clients
  // wait in real time: AWS holds the poll 60 s, which is also the SDKs' read timeout, so stepsim
  // answers earlier by default. 0 answers at once.
  std::chrono::milliseconds activityPollLimit{50'000};
  // How many ended records the services keep (0: all): past these the oldest closed executions and
  // finished Batch jobs (array children counted) are forgotten, as AWS forgets them after 90 and
  // about 7 days (see retention.h). All by default, as scenario runs need them; `stepsim serve`
  // bounds both so a long-running server does not fill the machine.
  std::size_t maxClosedExecutions = 0;
  std::size_t maxFinishedJobs = 0;
};

class Simulation {
 public:
  explicit Simulation(SimulationConfig config);
  // The same time, timers and id streams as `shared`, seen from `account` in `region`.
  Simulation(const Simulation& shared, std::string account, std::string region);
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  const SimulationConfig& config() const { return config_; }
  Clock& clock() { return shared_->clock; }
  const Clock& clock() const { return shared_->clock; }
  Scheduler& scheduler() { return shared_->scheduler; }
  TimeMs now() const { return shared_->clock.now(); }

  // The named id stream (created from the seed on first use).
  Random& ids(std::string_view stream);

  TimerId at(TimeMs due, std::function<void()> action) {
    return scheduler().schedule(due, std::move(action));
  }
  TimerId after(TimeMs delayMs, std::function<void()> action) {
    return scheduler().schedule(now() + delayMs, std::move(action));
  }
  bool cancel(TimerId id) { return scheduler().cancel(id); }

  // Fires every timer due at or before now.
  void runDue();
  // Fires every timer due up to `t`, each at its own instant, then leaves the clock at `t`.
  void advanceTo(TimeMs t);
  // Auto mode: when nothing outside is awaited, jumps to the next due timer and fires everything due
  // at that instant. Returns false when there was nothing to do.
  bool autoStep();
  // True when auto mode would move time if asked.
  bool autoStepPending();

  // Work happening outside the simulation (a real process, a callback) holds auto mode still.
  void beginOutsideWait() { ++shared_->outsideWaits; }
  void endOutsideWait() {
    if (shared_->outsideWaits > 0) --shared_->outsideWaits;
  }
  int outsideWaits() const { return shared_->outsideWaits; }

  // Where services note what happens (nullptr: nowhere). Not owned.
  void setTrace(TraceSink* sink) { shared_->trace = sink; }
  TraceSink* trace() const { return shared_->trace; }

  // Back to the start: clock at the start time, no timers, fresh id streams. Mode is kept.
  void reset();

 private:
  // What every place's view of one simulation shares.
  struct Shared {
    Shared(TimeMs start, ClockMode mode) : clock(start, mode) {}
    Clock clock;
    Scheduler scheduler;
    std::map<std::string, Random, std::less<>> streams;
    int outsideWaits = 0;
    TraceSink* trace = nullptr;
  };

  SimulationConfig config_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace stepsim::core
