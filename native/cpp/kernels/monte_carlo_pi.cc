#include "monte_carlo_pi.h"

#include <algorithm>

#include "../support/simd.h"

namespace multicore::kernels {

namespace {

constexpr double kTwoPowMinus32 = 1.0 / 4294967296.0;

// Branch-free over lo so that it vectorizes (8 or 16 lanes of 32-bit integer mixing).
MC_SIMD_CLONES std::uint64_t inside_block(std::uint32_t k1, std::uint32_t k2, std::uint32_t lo,
                                          std::uint32_t count) {
  std::uint64_t inside = 0;
  for (std::uint32_t t = 0; t < count; ++t) {
    const std::uint32_t l = lo + t;
    const std::uint32_t a = lowbias32(l ^ k1);
    const std::uint32_t b = lowbias32(lowbias32(l ^ k2) ^ 0x27d4eb2fu);
    const double px = static_cast<double>(a) * kTwoPowMinus32;
    const double py = static_cast<double>(b) * kTwoPowMinus32;
    inside += (px * px + py * py < 1.0) ? 1 : 0;
  }
  return inside;
}

}  // namespace

std::uint64_t monte_carlo_inside(std::uint32_t seed, std::uint64_t first, std::uint32_t count) {
  const auto hi = static_cast<std::uint32_t>(first >> 32);
  const std::uint32_t k1 = lowbias32(seed ^ lowbias32(hi ^ 0x9e3779b9u));
  const std::uint32_t k2 = lowbias32(k1 ^ 0x85ebca6bu);
  return inside_block(k1, k2, static_cast<std::uint32_t>(first), count);
}

MonteCarloPi::MonteCarloPi(std::uint64_t samples, std::uint32_t seed)
    : samples_(samples), seed_(seed) {
  phase_ends_ = {static_cast<std::size_t>((samples + kMonteCarloChunk - 1) / kMonteCarloChunk)};
}

void MonteCarloPi::run_chunk(std::size_t c) {
  const std::uint64_t first = static_cast<std::uint64_t>(c) * kMonteCarloChunk;
  const auto count = static_cast<std::uint32_t>(std::min(kMonteCarloChunk, samples_ - first));
  inside_.fetch_add(monte_carlo_inside(seed_, first, count), std::memory_order_relaxed);
}

std::uint64_t monte_carlo_pi_inside(std::uint64_t samples, std::uint32_t seed, unsigned threads) {
  MonteCarloPi k(samples, seed);
  k.run(threads);
  return k.inside();
}

}  // namespace multicore::kernels
