#pragma once
// A service's state in its AccountRegion slot: a binding whose createState returns
// makeServiceState<T>(...) finds its T again with stateOf<T>(place, binding).
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
T& stateOf(AccountRegion& place, const ServiceBinding& binding) {
  return static_cast<StateOf<T>&>(place.serviceState(binding)).value;
}
// The same, in the default account and region.
template <class T>
T& stateOf(Emulator& emulator, const ServiceBinding& binding) {
  return stateOf<T>(emulator.defaultAccountRegion(), binding);
}

// The serve function of a service whose state is its handler: the operation checked, then
// answered at once by `wire`.
template <class Service>
void serveFromState(AccountRegion& place, const ServiceBinding& binding, const WireProtocol& wire,
                    const ServiceCall& call, const Answer& answer) {
  Service& service = stateOf<Service>(place, binding);
  emulatedOperation(service, call);
  answerAtOnce(service, wire, call, answer);
}

}  // namespace stepsim::app
