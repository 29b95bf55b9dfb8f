#pragma once
// What names an account and a region, as clients send them: in a SigV4 credential and in the
// control API's ?account=&region= parameters.
#include <string_view>

namespace stepsim::app {

// "us-east-1", "us-gov-west-1", "ap-southeast-5": two letters, words, then a number of one or
// two digits, joined by dashes.
bool isRegionName(std::string_view region);
// Twelve digits.
bool isAccountId(std::string_view text);

}  // namespace stepsim::app
