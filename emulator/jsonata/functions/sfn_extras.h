#pragma once
// The pure parts of the functions Step Functions adds to JSONata ($hash, $uuid, seeded $random).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace stepsim::jsonata::sfn {

// Lowercase hex digest of `data` (its UTF-8 bytes) with "MD5", "SHA-1", "SHA-256", "SHA-384" or
// "SHA-512"; nullopt for any other algorithm name.
std::optional<std::string> hashHex(std::string_view data, std::string_view algorithm);

// A version 4 UUID (8-4-4-4-12 lowercase hex) from `random`, uniform in [0, 1).
std::string uuidV4(const std::function<double()>& random);

// How deeply arrays and objects nest in JSON text (brackets inside strings do not count).
std::size_t jsonNestingDepth(std::string_view text);

// A number in [0, 1) that depends only on `seed`: the same seed always gives the same number.
double seededRandom(double seed);

}  // namespace stepsim::jsonata::sfn
