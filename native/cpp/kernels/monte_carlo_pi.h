// monteCarloPi: counts the samples inside the unit quarter circle (SPEC.md "monteCarloPi").
// Counter-based RNG: sample s depends only on (seed, s), so every thread count gives the same
// count.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "../support/cpu_features.h"
#include "chunked.h"

namespace multicore::kernels {

inline constexpr std::uint64_t kMonteCarloChunk = std::uint64_t{1} << 20;

// Wellons' lowbias32 mixer, all arithmetic mod 2^32.
inline std::uint32_t lowbias32(std::uint32_t v) {
  v ^= v >> 16;
  v *= 0x7feb352du;
  v ^= v >> 15;
  v *= 0x846ca68bu;
  v ^= v >> 16;
  return v;
}

// Inside count of samples [first, first + count); first..first+count must not cross a 2^32
// boundary. The first form uses simd_level(); the second one forces a level (tests, bench).
std::uint64_t monte_carlo_inside(std::uint32_t seed, std::uint64_t first, std::uint32_t count);
std::uint64_t monte_carlo_inside(SimdLevel level, std::uint32_t seed, std::uint64_t first,
                                 std::uint32_t count);

class MonteCarloPi final : public Chunked {
 public:
  MonteCarloPi(std::uint64_t samples, std::uint32_t seed);
  void run_chunk(std::size_t c) override;
  std::uint64_t inside() const { return inside_.load(std::memory_order_relaxed); }

 private:
  std::uint64_t samples_;
  std::uint32_t seed_;
  std::atomic<std::uint64_t> inside_{0};
};

std::uint64_t monte_carlo_pi_inside(std::uint64_t samples, std::uint32_t seed, unsigned threads);

}  // namespace multicore::kernels
