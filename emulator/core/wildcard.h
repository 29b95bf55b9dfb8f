#pragma once
// Shell-style wildcards, as Batch's lifecycle rules and evaluateOnExit and IAM's actions and
// resources use them: `*` matches any run of characters (`:` and `/` included), `?` exactly one
// byte; everything else matches itself, letters in or regardless of case.
#include <string_view>

namespace stepsim::core {

enum class Case { Sensitive, Insensitive };

bool wildcardMatch(std::string_view pattern, std::string_view text,
                   Case letterCase = Case::Sensitive);

}  // namespace stepsim::core
