#pragma once
// Shell-style globs for lifecycle rule matching and evaluateOnExit: `*` matches any run of
// characters, `?` exactly one; everything else matches itself.
#include <string_view>

namespace stepsim::batch {

bool globMatch(std::string_view pattern, std::string_view text);

}  // namespace stepsim::batch
