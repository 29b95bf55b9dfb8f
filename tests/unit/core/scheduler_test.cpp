#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "emulator/core/scheduler.h"

using stepsim::core::Clock;
using stepsim::core::ClockMode;
using stepsim::core::Scheduler;

TEST_CASE("timers fire in due order, ties in scheduling order") {
  Scheduler scheduler;
  Clock clock(1000, ClockMode::Manual);
  std::vector<std::string> fired;
  scheduler.schedule(3000, [&] { fired.push_back("c@3000"); });
  scheduler.schedule(2000, [&] { fired.push_back("a@2000"); });
  scheduler.schedule(2000, [&] { fired.push_back("b@2000"); });
  scheduler.schedule(1000, [&] { fired.push_back("now"); });
  while (scheduler.fireNext(10000, clock)) {
  }
  CHECK(fired == std::vector<std::string>{"now", "a@2000", "b@2000", "c@3000"});
  CHECK(clock.now() == 3000);
  CHECK(scheduler.pending() == 0);
}

TEST_CASE("a timer fires at its own instant and sees the clock there") {
  Scheduler scheduler;
  Clock clock(0, ClockMode::Manual);
  std::vector<long long> seen;
  scheduler.schedule(500, [&] { seen.push_back(clock.now()); });
  scheduler.schedule(1500, [&] { seen.push_back(clock.now()); });
  while (scheduler.fireNext(1000, clock)) {
  }
  CHECK(seen == std::vector<long long>{500});
  CHECK(scheduler.nextDue() == 1500);
}

TEST_CASE("cancelled timers never fire and do not count as pending") {
  Scheduler scheduler;
  Clock clock(0, ClockMode::Manual);
  int fired = 0;
  auto first = scheduler.schedule(10, [&] { ++fired; });
  scheduler.schedule(20, [&] { fired += 10; });
  CHECK(scheduler.cancel(first));
  CHECK_FALSE(scheduler.cancel(first));
  CHECK(scheduler.pending() == 1);
  CHECK(scheduler.nextDue() == 20);
  while (scheduler.fireNext(100, clock)) {
  }
  CHECK(fired == 10);
  CHECK_FALSE(scheduler.nextDue().has_value());
}

TEST_CASE("a timer may schedule another at the same instant; it fires after the queued ones") {
  Scheduler scheduler;
  Clock clock(0, ClockMode::Manual);
  std::vector<int> order;
  scheduler.schedule(5, [&] {
    order.push_back(1);
    scheduler.schedule(5, [&] { order.push_back(3); });
  });
  scheduler.schedule(5, [&] { order.push_back(2); });
  while (scheduler.fireNext(5, clock)) {
  }
  CHECK(order == std::vector<int>{1, 2, 3});
}

TEST_CASE("cancelling a fired timer is refused") {
  Scheduler scheduler;
  Clock clock(0, ClockMode::Manual);
  auto id = scheduler.schedule(0, [] {});
  REQUIRE(scheduler.fireNext(0, clock));
  CHECK_FALSE(scheduler.cancel(id));
}

TEST_CASE("a timer that throws is a boundary: the exception stops there and later timers fire") {
  Scheduler scheduler;
  Clock clock(0, ClockMode::Manual);
  std::vector<int> order;
  scheduler.schedule(5, [&] {
    order.push_back(1);
    throw std::runtime_error("a bug in the timer's owner");
  });
  scheduler.schedule(5, [&] { order.push_back(2); });
  scheduler.schedule(7, [&] { order.push_back(3); });
  int fired = 0;
  REQUIRE_NOTHROW([&] {
    while (scheduler.fireNext(10, clock)) ++fired;
  }());
  CHECK(fired == 3);
  CHECK(order == std::vector<int>{1, 2, 3});
  CHECK(clock.now() == 7);
}

TEST_CASE("cancelled far-off timers do not pile up while the clock stands still") {
  Scheduler scheduler;
  Clock clock(0, ClockMode::Manual);
  std::vector<int> fired;
  for (int i = 0; i < 10; ++i) scheduler.schedule(100 + i, [&fired, i] { fired.push_back(i); });
  for (int i = 0; i < 10'000; ++i) scheduler.cancel(scheduler.schedule(3'600'000, [] {}));
  CHECK(scheduler.pending() == 10);
  CHECK(scheduler.queued() <= 2 * 64);
  // The survivors still fire in due order, and reused slots keep their identity.
  auto late = scheduler.schedule(50, [&fired] { fired.push_back(-1); });
  CHECK(scheduler.cancel(late));
  CHECK_FALSE(scheduler.cancel(late));
  while (scheduler.fireNext(10'000'000, clock)) {
  }
  CHECK(fired == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(scheduler.queued() == 0);
}
