// Scheduler throughput: timer events (schedule + fire) per second on one core.
// Two shapes: a bulk load of timers at scattered due times, and chains where each firing schedules
// the next (how job lifecycles and Wait states use the queue). Prints the median of several runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "emulator/core/random.h"
#include "emulator/core/simulation.h"

using namespace stepsim::core;

namespace {

constexpr int kEvents = 2'000'000;
constexpr int kRuns = 7;

double bulk(int pendingTimers) {
  Simulation sim(SimulationConfig{});
  Random random(1);
  long long fired = 0;
  auto began = std::chrono::steady_clock::now();
  // Rounds of `pendingTimers` timers at scattered due times, all pending at once, then fired.
  for (int round = 0; round < kEvents / pendingTimers; ++round) {
    for (int i = 0; i < pendingTimers; ++i)
      sim.at(sim.now() + static_cast<TimeMs>(random.below(86'400'000)), [&fired] { ++fired; });
    sim.advanceTo(sim.now() + 86'400'000);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  if (fired != kEvents) std::fprintf(stderr, "lost timers: %lld\n", fired);
  return kEvents / seconds;
}

double chains() {
  Simulation sim(SimulationConfig{});
  constexpr int kChains = 1000;
  long long fired = 0;
  std::function<void(int)> step = [&](int remaining) {
    ++fired;
    if (remaining > 0) sim.after(1000, [&step, remaining] { step(remaining - 1); });
  };
  auto began = std::chrono::steady_clock::now();
  for (int c = 0; c < kChains; ++c)
    sim.after(c, [&step] { step(kEvents / kChains - 1); });
  while (sim.scheduler().nextDue()) sim.advanceTo(*sim.scheduler().nextDue());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  return fired / seconds;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main() {
  std::vector<double> bulk10k, bulk1m, chainRates;
  for (int run = 0; run < kRuns; ++run) {
    bulk10k.push_back(bulk(10'000));
    bulk1m.push_back(bulk(1'000'000));
    chainRates.push_back(chains());
  }
  std::printf("scheduler bulk   (10k pending timers, scattered over a day): median %.2f M events/s\n",
              median(bulk10k) / 1e6);
  std::printf("scheduler bulk   (1M pending timers, scattered over a day): median %.2f M events/s\n",
              median(bulk1m) / 1e6);
  std::printf("scheduler chains (1000 chains, each firing schedules the next): median %.2f M events/s\n",
              median(chainRates) / 1e6);
}
