#include "kernels/count_primes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

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

// π at each of `limits` (any order) by one plain sieve up to the largest, without a table.
std::vector<std::uint64_t> reference_pi(const std::vector<std::uint64_t>& limits) {
  const std::uint64_t max = *std::max_element(limits.begin(), limits.end());
  std::vector<bool> composite(max + 1);
  for (std::uint64_t i = 2; i * i <= max; ++i)
    if (!composite[i])
      for (std::uint64_t j = i * i; j <= max; j += i) composite[j] = true;
  std::vector<std::size_t> order(limits.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return limits[a] < limits[b]; });
  std::vector<std::uint64_t> out(limits.size());
  std::uint64_t n = 1, count = 0;  // count = π(n)
  for (std::size_t i : order) {
    while (n < limits[i]) {
      ++n;
      if (!composite[n]) ++count;
    }
    out[i] = limits[i] < 2 ? 0 : count;
  }
  return out;
}

TEST(CountPrimes, KnownValues) {
  EXPECT_EQ(count_primes(0, 2), 0u);
  EXPECT_EQ(count_primes(1, 2), 0u);
  EXPECT_EQ(count_primes(2, 2), 1u);
  EXPECT_EQ(count_primes(3, 2), 2u);
  EXPECT_EQ(count_primes(4, 2), 2u);
  EXPECT_EQ(count_primes(5, 2), 3u);
  EXPECT_EQ(count_primes(10, 2), 4u);
  EXPECT_EQ(count_primes(100, 2), 25u);
  EXPECT_EQ(count_primes(1000000, 2), 78498u);
  EXPECT_EQ(count_primes(10000000, 2), 664579u);
  EXPECT_EQ(count_primes(100000000, 2), 5761455u);
}

TEST(CountPrimes, EverySmallLimit) {
  auto pi = prime_pi_table(10000);
  for (std::uint64_t n = 0; n <= 10000; ++n) ASSERT_EQ(count_primes(n, 1), pi[n]) << "limit=" << n;
}

// Limits next to every kind of boundary: the last wheel byte, the pre-sieve and sieving primes'
// squares, L1 blocks and chunks (on 3 threads, so chunks run out of order). Segments inside a
// chunk only exist above ~4.3e9: π(5·10^9) below covers them.
TEST(CountPrimes, Boundaries) {
  std::vector<std::uint64_t> limits;
  const std::uint64_t chunk_numbers =
      30 * prime_chunk_bytes(1);  // the chunk size of every limit here
  const std::uint64_t spans[] = {30, 30 * kPrimeBlockBytes, chunk_numbers};
  for (std::uint64_t span : spans)
    for (std::uint64_t s = 1; s <= 3; ++s)
      for (std::uint64_t d = 0; d <= 62; ++d)
        if (s * span + d >= 31) limits.push_back(s * span + d - 31);
  for (std::uint64_t p : {7, 49, 53, 59, 61, 8191, 8209, 8219})  // squares of (pre-)sieving primes
    for (std::int64_t d = -1; d <= 1; ++d) limits.push_back(p * p + d);
  const auto want = reference_pi(limits);
  for (std::size_t i = 0; i < limits.size(); ++i)
    ASSERT_EQ(count_primes(limits[i], 3), want[i]) << "limit=" << limits[i];
}

TEST(CountPrimes, RandomLimitsAgainstPlainSieve) {
  std::mt19937_64 rng(13);
  std::vector<std::uint64_t> limits;
  for (int i = 0; i < 40; ++i) limits.push_back(rng() % 60000000);
  for (int i = 0; i < 40; ++i) limits.push_back(rng() % 100000);
  const auto want = reference_pi(limits);
  for (std::size_t i = 0; i < limits.size(); ++i)
    ASSERT_EQ(count_primes(limits[i], 1 + i % 4), want[i]) << "limit=" << limits[i];
}

TEST(CountPrimes, SameForEveryThreadCount) {
  const std::uint64_t limit =
      5 * 30 * prime_chunk_bytes(1) + 12345;  // several chunks, the last one short
  const std::uint64_t want = reference_pi({limit})[0];
  for (unsigned t : test::kThreadCounts) EXPECT_EQ(count_primes(limit, t), want) << t;
  for (unsigned t : test::kThreadCounts) EXPECT_EQ(count_primes(5000000, t), 348513u) << t;
}

TEST(CountPrimes, ChunksDependOnLimitOnly) {
  EXPECT_EQ(CountPrimes::segment_count(0), 0u);
  EXPECT_EQ(CountPrimes::segment_count(1), 0u);
  EXPECT_EQ(CountPrimes::segment_count(2), 1u);
  EXPECT_EQ(CountPrimes::segment_count(30 * 65536 - 1), 1u);
  EXPECT_EQ(CountPrimes::segment_count(30 * 65536), 2u);
  EXPECT_EQ(prime_chunk_bytes(0), 65536u);
  EXPECT_EQ(prime_chunk_bytes(std::uint64_t{1} << 28), 65536u);  // (2^16)² = 16 · 2^28
  EXPECT_EQ(prime_chunk_bytes((std::uint64_t{1} << 28) + 1), 131072u);
  EXPECT_EQ(prime_chunk_bytes(1000000000), 131072u);
  EXPECT_EQ(prime_chunk_bytes(4000000000), 262144u);
  EXPECT_EQ(prime_chunk_bytes(10000000000), 524288u);
  EXPECT_EQ(prime_chunk_bytes((std::uint64_t{1} << 53) - 1), 524288u);
  EXPECT_EQ(CountPrimes(1000000000).total_chunks(),
            1u + 255u);  // base primes + ⌊10^9 / (30·2^17)⌋ + 1
}

TEST(CountPrimes, LargeKnownValues) {
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "minutes under a sanitizer; the smaller limits cover the same code";
#endif
  EXPECT_EQ(count_primes(1000000000, 4), 50847534u);
  EXPECT_EQ(count_primes(5000000000, 3),
            234954223u);  // two L2 segments per chunk, the last one short
  EXPECT_EQ(count_primes(10000000000, 2), 455052511u);
}

// Primes in [lo, hi] by a plain segmented sieve with every prime up to √hi (no wheel, no state).
std::uint64_t plain_range_count(std::uint64_t lo, std::uint64_t hi) {
  const std::uint64_t root = isqrt(hi);
  std::vector<bool> small(root + 1), composite(hi - lo + 1);
  for (std::uint64_t p = 2; p <= root; ++p) {
    if (small[p]) continue;
    for (std::uint64_t m = p * p; m <= root; m += p) small[m] = true;
    for (std::uint64_t m = std::max(p * p, (lo + p - 1) / p * p); m <= hi; m += p)
      composite[m - lo] = true;
  }
  std::uint64_t count = 0;
  for (std::uint64_t n = std::max<std::uint64_t>(lo, 2); n <= hi; ++n) count += !composite[n - lo];
  return count;
}

// Far out, most sieving primes (up to 10^7) have no multiple in a segment or even in the whole
// chunk: the path no small limit reaches. Two chunks of π(10^14): one in the middle, the last one.
TEST(CountPrimes, FarChunksAgainstPlainSieve) {
  const std::uint64_t limit = 100000000000000;
  const std::uint64_t span = 30 * prime_chunk_bytes(limit);
  const std::size_t chunks = CountPrimes::segment_count(limit);
  CountPrimes k(limit);
  k.run_chunk(0);  // the base primes
  k.run_chunk(1 + chunks / 2);
  k.run_chunk(chunks);
  const std::uint64_t mid = chunks / 2 * span;
  const std::uint64_t want =
      plain_range_count(mid, mid + span - 1) + plain_range_count((chunks - 1) * span, limit);
  EXPECT_EQ(k.result(), 3 + want);  // + 2, 3 and 5
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
