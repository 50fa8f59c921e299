#include "kernels/monte_carlo_pi.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.h"

namespace multicore::kernels {
namespace {

std::uint32_t h(std::uint32_t v) {  // SPEC lowbias32, spelled out
  v ^= v >> 16;
  v = static_cast<std::uint32_t>(static_cast<std::uint64_t>(v) * 0x7feb352du);
  v ^= v >> 15;
  v = static_cast<std::uint32_t>(static_cast<std::uint64_t>(v) * 0x846ca68bu);
  v ^= v >> 16;
  return v;
}

bool inside_ref(std::uint32_t seed, std::uint64_t s) {
  const auto hi = static_cast<std::uint32_t>(s >> 32), lo = static_cast<std::uint32_t>(s);
  const std::uint32_t k1 = h(seed ^ h(hi ^ 0x9e3779b9u)), k2 = h(k1 ^ 0x85ebca6bu);
  const double px = h(lo ^ k1) * std::ldexp(1.0, -32),
               py = h(h(lo ^ k2) ^ 0x27d4eb2fu) * std::ldexp(1.0, -32);
  return px * px + py * py < 1.0;
}

TEST(MonteCarloPi, LowbiasKnownValues) {
  EXPECT_EQ(lowbias32(0), 0u);
  EXPECT_EQ(lowbias32(1), h(1));
  EXPECT_EQ(lowbias32(0xdeadbeef), h(0xdeadbeef));
}

TEST(MonteCarloPi, MatchesSpecForEveryThreadCount) {
  const std::uint64_t samples = 3 * kMonteCarloChunk + 17;
  for (std::uint32_t seed : {0u, 1u, 0xffffffffu}) {
    std::uint64_t expected = 0;
    for (std::uint64_t s = 0; s < samples; ++s) expected += inside_ref(seed, s);
    for (unsigned t : test::kThreadCounts) {
      EXPECT_EQ(monte_carlo_pi_inside(samples, seed, t), expected)
          << "seed=" << seed << " threads=" << t;
    }
  }
}

TEST(MonteCarloPi, HighSampleIndices) {  // hi ≠ 0 beyond 2^32 samples
  const std::uint64_t first = (std::uint64_t{5} << 32) + 1000;
  std::uint64_t expected = 0;
  for (std::uint64_t s = first; s < first + 4096; ++s) expected += inside_ref(9, s);
  EXPECT_EQ(monte_carlo_inside(9, first, 4096), expected);
}

TEST(MonteCarloPi, EstimatesPi) {
  const std::uint64_t samples = 4000000;
  const double pi = 4.0 * static_cast<double>(monte_carlo_pi_inside(samples, 0, 2)) / samples;
  EXPECT_NEAR(pi, M_PI, 0.005);
}

}  // namespace
}  // namespace multicore::kernels
