#include "kernels/count_primes.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace multicore::kernels {
namespace {

// Plain sieve: pi[n] for every n ≤ max.
std::vector<std::uint32_t> prime_pi_table(std::size_t max) {
  std::vector<bool> composite(max + 1);
  std::vector<std::uint32_t> pi(max + 1);
  std::uint32_t count = 0;
  for (std::size_t i = 2; i <= max; ++i) {
    if (!composite[i]) {
      ++count;
      for (std::size_t j = i * i; j <= max; j += i) composite[j] = true;
    }
    pi[i] = count;
  }
  return pi;
}

TEST(CountPrimes, KnownValues) {
  EXPECT_EQ(count_primes(0, 2), 0u);
  EXPECT_EQ(count_primes(1, 2), 0u);
  EXPECT_EQ(count_primes(2, 2), 1u);
  EXPECT_EQ(count_primes(3, 2), 2u);
  EXPECT_EQ(count_primes(10, 2), 4u);
  EXPECT_EQ(count_primes(100, 2), 25u);
  EXPECT_EQ(count_primes(1000000, 2), 78498u);
  EXPECT_EQ(count_primes(10000000, 2), 664579u);
}

TEST(CountPrimes, EverySmallLimit) {
  auto pi = prime_pi_table(3000);
  for (std::uint64_t n = 0; n <= 3000; ++n) ASSERT_EQ(count_primes(n, 1), pi[n]) << "limit=" << n;
}

TEST(CountPrimes, SegmentBoundaries) {
  const std::uint64_t span = 2 * kPrimeSegmentOdds;  // numbers covered by one segment
  auto pi = prime_pi_table(3 * span + 10);
  for (std::uint64_t s = 1; s <= 3; ++s) {
    for (std::int64_t d = -3; d <= 3; ++d) {
      const std::uint64_t n = s * span + d;
      ASSERT_EQ(count_primes(n, 3), pi[n]) << "limit=" << n;
    }
  }
}

TEST(CountPrimes, SameForEveryThreadCount) {
  for (unsigned t : test::kThreadCounts) EXPECT_EQ(count_primes(5000000, t), 348513u) << t;
}

TEST(CountPrimes, OneBillion) {
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "minutes under a sanitizer; the smaller limits cover the same code";
#endif
  EXPECT_EQ(count_primes(1000000000, 4), 50847534u);
}

TEST(CountPrimes, Isqrt) {
  EXPECT_EQ(isqrt(0), 0u);
  EXPECT_EQ(isqrt(15), 3u);
  EXPECT_EQ(isqrt(16), 4u);
  EXPECT_EQ(isqrt((std::uint64_t{1} << 53) - 1), 94906265u);
  EXPECT_EQ(isqrt(~std::uint64_t{0}), 0xffffffffu);
}

}  // namespace
}  // namespace multicore::kernels
