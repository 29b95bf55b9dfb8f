#pragma once
// Internal to emulator/http (includes Asio): drives the simulation's clock around the requests the
// server dispatches. One thread owns everything; nothing here locks.
//
//   auto:     after each request, fire what is due; while the clock could jump, post bounded slices
//             of autoStep() to the io_context so requests interleave with time jumps.
//   realtime: virtual now = anchorVirtual + (wall now - anchorWall) x timeScale; the clock catches
//             up before each request, and one timer is armed for the wall instant of the next due
//             virtual timer. The anchor moves when the mode changes or a request moves the clock.
//   manual:   nothing moves but what requests do themselves.
#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "emulator/app/emulator.h"

namespace stepsim::http {

class SimHost {
 public:
  SimHost(boost::asio::io_context& ioc, app::Emulator& emulator);

  // Fires what is already due and starts driving the clock; call once before serving.
  void start();
  // Runs one request, then lets the clock react to it. `reply` as for Emulator::dispatch.
  void dispatch(const protocol::HttpRequest& request, app::Reply reply);
  // Something outside the simulation happened (a worker's timer fired, a worker ended): fire what
  // is due and let auto mode move again if that was the last outside wait.
  void afterOutsideEvent();
  // Stops moving the clock (shutdown): cancels the realtime timer and further auto slices.
  void stop();

  static constexpr int kAutoSliceSteps = 1000;

 private:
  using WallClock = std::chrono::steady_clock;

  void settle(core::TimeMs nowBefore);
  void schedule();
  void runAutoSlice();
  void armRealtimeTimer();
  void onRealtimeTimer();
  void anchor();
  core::TimeMs realtimeNow() const;

  boost::asio::io_context& ioc_;
  app::Emulator& emulator_;
  boost::asio::steady_timer timer_;
  WallClock::time_point anchorWall_{};
  WallClock::time_point armedAnchor_{};
  core::TimeMs anchorVirtual_ = 0;
  core::TimeMs armedDue_ = 0;
  core::ClockMode lastMode_ = core::ClockMode::Manual;
  bool timerArmed_ = false;
  bool slicePosted_ = false;
  bool stopped_ = false;
};

}  // namespace stepsim::http
