#include "kernels/sum_squares.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.h"

namespace multicore::kernels {
namespace {

using test::bits_of;

// SPEC.md, written as plainly as possible (no SIMD), to compare bit for bit.
double reference(const std::vector<double>& x) {
  double result = 0.0;
  for (std::size_t start = 0; start < x.size(); start += kSumSquaresChunk) {
    const std::size_t end = std::min(x.size(), start + kSumSquaresChunk);
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t i = start;
    for (; i + 8 <= end; i += 8)
      for (int j = 0; j < 8; ++j) acc[j] += x[i + j] * x[i + j];
    for (std::size_t t = 0; i + t < end; ++t) acc[t] += x[i + t] * x[i + t];
    result += ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
  }
  return result;
}

TEST(SumSquares, EmptyIsPositiveZero) {
  EXPECT_EQ(bits_of(sum_squares(nullptr, 0, 4)), bits_of(0.0));
}

TEST(SumSquares, SmallKnownValues) {
  std::vector<double> x = {1, 2, 3};
  EXPECT_EQ(sum_squares(x.data(), x.size(), 1), 14.0);
}

TEST(SumSquares, BitIdenticalWithSpecAtChunkEdges) {
  for (std::size_t n : {1ul, 7ul, 8ul, 9ul, 15ul, 65535ul, 65536ul, 65537ul, 3 * 65536ul + 5}) {
    auto x = test::random_doubles(n, static_cast<std::uint32_t>(n));
    EXPECT_EQ(bits_of(sum_squares(x.data(), n, 3)), bits_of(reference(x))) << "n=" << n;
  }
}

TEST(SumSquares, SameBitsForEveryThreadCount) {
  auto x = test::random_doubles(10 * 65536 + 123, 42);
  const double expected = reference(x);
  for (unsigned t : test::kThreadCounts) {
    EXPECT_EQ(bits_of(sum_squares(x.data(), x.size(), t)), bits_of(expected)) << "threads=" << t;
  }
}

TEST(SumSquares, ChunkLevelApi) {
  auto x = test::random_doubles(2 * 65536 + 3, 7);
  SumSquares k(x.data(), x.size());
  ASSERT_EQ(k.total_chunks(), 3u);
  for (std::size_t c = k.total_chunks(); c-- > 0;) k.run_chunk(c);  // any order
  EXPECT_EQ(bits_of(k.result()), bits_of(reference(x)));
}

}  // namespace
}  // namespace multicore::kernels
