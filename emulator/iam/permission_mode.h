#pragma once
// Whether stepsim checks permissions the way AWS does (`serve --iam`, a scenario's "iam"): off by
// default, so nothing changes for users who never wrote a policy; `warn` logs what AWS would
// refuse; `enforce` refuses it.
#include <optional>
#include <string_view>

namespace stepsim::iam {

enum class PermissionMode { Off, Warn, Enforce };

// "off", "warn", "enforce"; nullopt for anything else.
inline std::optional<PermissionMode> parsePermissionMode(std::string_view text) {
  if (text == "off") return PermissionMode::Off;
  if (text == "warn") return PermissionMode::Warn;
  if (text == "enforce") return PermissionMode::Enforce;
  return std::nullopt;
}

}  // namespace stepsim::iam
