#include "emulator/jsonata/functions/sfn_extras.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

namespace stepsim::jsonata::sfn {

namespace {

const EVP_MD* digestNamed(std::string_view algorithm) {
  if (algorithm == "MD5") return EVP_md5();
  if (algorithm == "SHA-1") return EVP_sha1();
  if (algorithm == "SHA-256") return EVP_sha256();
  if (algorithm == "SHA-384") return EVP_sha384();
  if (algorithm == "SHA-512") return EVP_sha512();
  return nullptr;
}

constexpr char kHex[] = "0123456789abcdef";

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

std::optional<std::string> hashHex(std::string_view data, std::string_view algorithm) {
  const EVP_MD* md = digestNamed(algorithm);
  if (md == nullptr) return std::nullopt;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, md, nullptr) != 1) return std::nullopt;
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

std::string uuidV4(const std::function<double()>& random) {
  std::array<unsigned char, 16> bytes{};
  std::uint32_t bits = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i % 4 == 0) bits = static_cast<std::uint32_t>(std::floor((random ? random() : 0.0) * 4294967296.0));
    bytes[i] = static_cast<unsigned char>(bits >> (24 - 8 * (i % 4)));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

std::size_t jsonNestingDepth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

double seededRandom(double seed) {
  // Integral seeds by value (so 7 and 7.0 agree), others by their bits.
  std::uint64_t key = std::trunc(seed) == seed && std::fabs(seed) < 9.2e18
                          ? static_cast<std::uint64_t>(static_cast<std::int64_t>(seed))
                          : std::bit_cast<std::uint64_t>(seed);
  return static_cast<double>(splitmix64(key) >> 11) * (1.0 / 9007199254740992.0);
}

}  // namespace stepsim::jsonata::sfn
