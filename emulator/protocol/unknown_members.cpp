#include "emulator/protocol/unknown_members.h"

#include "emulator/core/json.h"
#include "emulator/core/json_location.h"

namespace stepsim::protocol {

std::optional<UnknownMember> findUnknownMember(const Shape& shape, const stepsim::Json& value) {
  switch (shape.type) {
    case ShapeType::Structure: {
      if (!value.is_object()) return std::nullopt;  // a type error: the validator's to report
      for (auto it = value.begin(); it != value.end(); ++it) {
        const Member* member = shape.findMember(it.key());
        if (!member) return UnknownMember{core::appendPointer("", it.key()), shape.name};
        if (member->jsonValue || !member->shape) continue;
        if (auto inner = findUnknownMember(*member->shape, it.value())) {
          inner->pointer = core::appendPointer("", it.key()) + inner->pointer;
          return inner;
        }
      }
      return std::nullopt;
    }
    case ShapeType::List:
      if (!value.is_array() || !shape.member) return std::nullopt;
      for (std::size_t i = 0; i < value.size(); ++i)
        if (auto inner = findUnknownMember(*shape.member, value[i])) {
          inner->pointer = "/" + std::to_string(i) + inner->pointer;
          return inner;
        }
      return std::nullopt;
    case ShapeType::Map:
      if (!value.is_object() || !shape.value) return std::nullopt;
      for (auto it = value.begin(); it != value.end(); ++it)
        if (auto inner = findUnknownMember(*shape.value, it.value())) {
          inner->pointer = core::appendPointer("", it.key()) + inner->pointer;
          return inner;
        }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace stepsim::protocol
