// fake:echo — returns the event unchanged.
#include "fakes/fake.h"

namespace stepsim::fakes {

FakeResult echo(FakeContext&, const stepsim::Json& event) {
  return FakeResult::value(event);
}

}  // namespace stepsim::fakes
