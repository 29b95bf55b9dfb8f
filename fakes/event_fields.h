#pragma once
// Private to fakes/: reading an event's fields, a bad one becoming an "InvalidEvent" function
// error.
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/json.h"
#include "fakes/fake.h"

namespace stepsim::fakes::detail {

// Thrown inside a fake, caught by it and turned into its FakeResult.
struct InvalidEvent {
  std::string message;
  FakeResult result() const { return FakeResult::error("InvalidEvent", message); }
};

inline void requireObject(const stepsim::Json& event, std::string_view fakeName,
                          std::string_view expected) {
  if (!event.is_object())
    throw InvalidEvent{"fake:" + std::string(fakeName) + " expects an event object " +
                       std::string(expected) + ", got " + std::string(event.type_name())};
}

// A required, non-empty string member (null counts as absent).
inline std::string requiredString(const stepsim::Json& event, const std::string& key) {
  auto it = event.find(key);
  if (it == event.end() || it->is_null())
    throw InvalidEvent{"event." + key + " is required (a string)"};
  if (!it->is_string())
    throw InvalidEvent{"event." + key + " must be a string, got " + std::string(it->type_name())};
  if (it->get_ref<const std::string&>().empty())
    throw InvalidEvent{"event." + key + " must not be empty"};
  return it->get<std::string>();
}

// An optional object member (null counts as absent); nullptr when absent.
inline const stepsim::Json* optionalObject(const stepsim::Json& event, const std::string& key) {
  auto it = event.find(key);
  if (it == event.end() || it->is_null()) return nullptr;
  if (!it->is_object())
    throw InvalidEvent{"event." + key + " must be an object, got " + std::string(it->type_name())};
  return &*it;
}

}  // namespace stepsim::fakes::detail
