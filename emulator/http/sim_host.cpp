#include "emulator/http/sim_host.h"

#include <algorithm>
#include <cmath>

#include <boost/asio/post.hpp>

namespace stepsim::http {

namespace asio = boost::asio;
using core::ClockMode;
using core::TimeMs;

SimHost::SimHost(asio::io_context& ioc, app::Emulator& emulator)
    : ioc_(ioc), emulator_(emulator), timer_(ioc) {}

void SimHost::start() {
  core::Simulation& sim = emulator_.simulation();
  lastMode_ = sim.clock().mode();
  if (lastMode_ == ClockMode::Realtime) anchor();
  sim.runDue();
  schedule();
}

void SimHost::dispatch(const protocol::HttpRequest& request, app::Reply reply) {
  core::Simulation& sim = emulator_.simulation();
  if (lastMode_ == ClockMode::Realtime && sim.clock().mode() == ClockMode::Realtime)
    sim.advanceTo(realtimeNow());
  TimeMs before = sim.now();
  emulator_.dispatch(request, std::move(reply));
  settle(before);
}

void SimHost::afterOutsideEvent() {
  if (stopped_) return;
  core::Simulation& sim = emulator_.simulation();
  if (lastMode_ == ClockMode::Realtime && sim.clock().mode() == ClockMode::Realtime)
    sim.advanceTo(realtimeNow());
  settle(sim.now());
}

void SimHost::stop() {
  stopped_ = true;
  timer_.cancel();
  timerArmed_ = false;
}

void SimHost::settle(TimeMs nowBefore) {
  core::Simulation& sim = emulator_.simulation();
  // Timers due at the current instant fire at once, in every mode.
  sim.runDue();
  ClockMode mode = sim.clock().mode();
  // Entering realtime, or a request that moved the clock (advance, reset) while in realtime: the
  // wall clock continues from the new virtual instant.
  if (mode == ClockMode::Realtime && (lastMode_ != ClockMode::Realtime || sim.now() != nowBefore))
    anchor();
  lastMode_ = mode;
  schedule();
}

void SimHost::schedule() {
  if (stopped_) return;
  core::Simulation& sim = emulator_.simulation();
  ClockMode mode = sim.clock().mode();
  if (mode == ClockMode::Auto && !slicePosted_ && sim.autoStepPending()) {
    slicePosted_ = true;
    asio::post(ioc_, [this] { runAutoSlice(); });
  }
  if (mode == ClockMode::Realtime) {
    armRealtimeTimer();
  } else if (timerArmed_) {
    timer_.cancel();
    timerArmed_ = false;
  }
}

void SimHost::runAutoSlice() {
  slicePosted_ = false;
  if (stopped_) return;
  core::Simulation& sim = emulator_.simulation();
  // A bounded slice: an endless chain of timers must not starve the clients.
  for (int i = 0; i < kAutoSliceSteps && sim.autoStepPending(); ++i) sim.autoStep();
  lastMode_ = sim.clock().mode();
  schedule();
}

void SimHost::anchor() {
  anchorWall_ = WallClock::now();
  anchorVirtual_ = emulator_.simulation().now();
}

TimeMs SimHost::realtimeNow() const {
  double scale = emulator_.simulation().config().timeScale;
  double wallMs = std::chrono::duration<double, std::milli>(WallClock::now() - anchorWall_).count();
  return anchorVirtual_ + static_cast<TimeMs>(std::floor(std::max(0.0, wallMs) * scale));
}

void SimHost::armRealtimeTimer() {
  core::Simulation& sim = emulator_.simulation();
  std::optional<TimeMs> due = sim.scheduler().nextDue();
  if (!due) {
    if (timerArmed_) timer_.cancel();
    timerArmed_ = false;
    return;
  }
  if (timerArmed_ && armedDue_ == *due && armedAnchor_ == anchorWall_) return;  // already set
  double scale = sim.config().timeScale;
  // Clamp far-away timers to a day of wall time; the timer re-arms when it fires.
  double wallMs = std::min(std::max<double>(0, static_cast<double>(*due - anchorVirtual_)) / scale,
                           86'400'000.0);
  auto at = anchorWall_ + std::chrono::duration_cast<WallClock::duration>(
                              std::chrono::duration<double, std::milli>(std::ceil(wallMs)));
  armedDue_ = *due;
  armedAnchor_ = anchorWall_;
  timerArmed_ = true;
  timer_.expires_at(at);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    onRealtimeTimer();
  });
}

void SimHost::onRealtimeTimer() {
  timerArmed_ = false;
  core::Simulation& sim = emulator_.simulation();
  if (sim.clock().mode() != ClockMode::Realtime) return;
  // The timer may wake a hair before the virtual instant it was armed for; it stands for that
  // instant, unless it was clamped (a far-away timer).
  TimeMs now = realtimeNow();
  double scale = sim.config().timeScale;
  bool clamped = static_cast<double>(armedDue_ - anchorVirtual_) / scale >= 86'400'000.0;
  sim.advanceTo(clamped ? now : std::max(now, armedDue_));
  if (sim.now() > now) anchor();  // keep wall and virtual time in step
  schedule();
}

}  // namespace stepsim::http
