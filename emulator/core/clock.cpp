#include "emulator/core/clock.h"

namespace stepsim::core {

std::string_view toString(ClockMode mode) {
  switch (mode) {
    case ClockMode::Auto: return "auto";
    case ClockMode::Manual: return "manual";
    case ClockMode::Realtime: return "realtime";
  }
  return "auto";
}

std::optional<ClockMode> parseClockMode(std::string_view text) {
  if (text == "auto") return ClockMode::Auto;
  if (text == "manual") return ClockMode::Manual;
  if (text == "realtime") return ClockMode::Realtime;
  return std::nullopt;
}

}  // namespace stepsim::core
