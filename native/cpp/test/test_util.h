// Helpers shared by the C++ unit tests.
#pragma once

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace multicore::test {

inline constexpr unsigned kThreadCounts[] = {1, 2, 3, 7};

inline std::uint64_t bits_of(double v) {
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// Values of very different magnitudes and both signs, reproducible.
inline std::vector<double> random_doubles(std::size_t n, std::uint32_t seed, double scale = 1e3) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> mant(-1.0, 1.0);
  std::uniform_int_distribution<int> expo(-20, 20);
  std::vector<double> v(n);
  for (auto& x : v) x = mant(rng) * scale * std::ldexp(1.0, expo(rng));
  return v;
}

}  // namespace multicore::test
