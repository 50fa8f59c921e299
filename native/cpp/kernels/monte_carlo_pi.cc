#include "monte_carlo_pi.h"

#include <algorithm>

#include "../support/dispatch.h"
#include "../support/vec.h"

namespace multicore::kernels {

namespace {

constexpr double kTwoPowMinus32 = 1.0 / 4294967296.0;

// One sample as SPEC.md defines it, given the chunk's keys (the tail of a block).
inline bool sample_inside(std::uint32_t k1, std::uint32_t k2, std::uint32_t l) {
  const std::uint32_t a = lowbias32(l ^ k1);
  const std::uint32_t b = lowbias32(lowbias32(l ^ k2) ^ 0x27d4eb2fu);
  const double px = static_cast<double>(a) * kTwoPowMinus32;
  const double py = static_cast<double>(b) * kTwoPowMinus32;
  return px * px + py * py < 1.0;
}

using BlockFn = std::uint64_t (*)(std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t);

#define MC_LEVEL_BODY "../kernels/monte_carlo_pi_body.inc"
#include "../support/per_level.inc"
constexpr auto kBlocks = MC_LEVEL_TABLE(BlockFn, inside_block);

// The chunk's keys: `hi` is constant inside a chunk (chunks are aligned to 2^20, which divides
// 2^32).
void keys(std::uint32_t seed, std::uint64_t first, std::uint32_t& k1, std::uint32_t& k2) {
  const auto hi = static_cast<std::uint32_t>(first >> 32);
  k1 = lowbias32(seed ^ lowbias32(hi ^ 0x9e3779b9u));
  k2 = lowbias32(k1 ^ 0x85ebca6bu);
}

}  // namespace

std::uint64_t monte_carlo_inside(SimdLevel level, std::uint32_t seed, std::uint64_t first,
                                 std::uint32_t count) {
  std::uint32_t k1, k2;
  keys(seed, first, k1, k2);
  return kBlocks.at(level)(k1, k2, static_cast<std::uint32_t>(first), count);
}

std::uint64_t monte_carlo_inside(std::uint32_t seed, std::uint64_t first, std::uint32_t count) {
  static const BlockFn fn = kBlocks.at(simd_level());
  std::uint32_t k1, k2;
  keys(seed, first, k1, k2);
  return fn(k1, k2, static_cast<std::uint32_t>(first), count);
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
