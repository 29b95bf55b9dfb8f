#pragma once
// A service's state in its Emulator slot: a binding whose createState returns
// makeServiceState<T>(...) finds its T again with stateOf<T>(emulator, binding).
#include <memory>
#include <utility>

#include "emulator/app/emulator.h"
#include "emulator/app/service_binding.h"

namespace stepsim::app {

template <class T>
struct StateOf : ServiceState {
  template <class... Args>
  explicit StateOf(Args&&... args) : value(std::forward<Args>(args)...) {}
  T value;
};

template <class T, class... Args>
std::unique_ptr<ServiceState> makeServiceState(Args&&... args) {
  return std::make_unique<StateOf<T>>(std::forward<Args>(args)...);
}

// The state `binding`'s createState made, as the type it made it with.
template <class T>
T& stateOf(Emulator& emulator, const ServiceBinding& binding) {
  return static_cast<StateOf<T>&>(emulator.serviceState(binding)).value;
}

}  // namespace stepsim::app
