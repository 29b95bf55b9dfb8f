// fake:echo — returns the event unchanged.
#include "fakes/fake.h"

namespace stepsim::fakes {

FakeResult echo(FakeContext&, const nlohmann::json& event) {
  return FakeResult::value(event);
}

}  // namespace stepsim::fakes
