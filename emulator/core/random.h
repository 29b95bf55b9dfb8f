#pragma once
// Seeded randomness. Every id the emulator hands out comes from here, never from the wall clock
// or std::random_device. Independent named streams keep one kind of id from shifting another:
// a client that polls more often must not change the job ids it gets later.
#include <cstdint>
#include <string>
#include <string_view>

namespace stepsim::core {

class Random {
 public:
  explicit Random(std::uint64_t seed);

  // A generator whose sequence depends only on this one's seed and `name`.
  Random stream(std::string_view name) const;

  std::uint64_t next();
  // Uniform in [0, bound); bound > 0.
  std::uint64_t below(std::uint64_t bound);
  // Uniform in [0, 1).
  double unit();
  // RFC 4122 version-4 layout, lower-case hex.
  std::string uuid();
  std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_;
  std::uint64_t s_[4];
};

}  // namespace stepsim::core
