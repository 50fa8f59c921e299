#include "kernels/matmul.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "support/cpu_features.h"
#include "test_util.h"

namespace multicore::kernels {
namespace {

std::vector<double> naive(const std::vector<double>& a, const std::vector<double>& b, std::size_t m,
                          std::size_t k, std::size_t n) {
  std::vector<double> out(m * n);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      double s = 0.0;
      for (std::size_t p = 0; p < k; ++p) s += a[i * k + p] * b[p * n + j];
      out[i * n + j] = s;
    }
  return out;
}

// Bitwise, except that any NaN matches any NaN (SPEC: payloads unspecified).
void expect_bits_equal(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(want[i]) && std::isnan(got[i])) continue;
    ASSERT_EQ(test::bits_of(got[i]), test::bits_of(want[i]))
        << "element " << i << ": " << got[i] << " vs " << want[i];
  }
}

// Every level this CPU can run (the test forces each, whatever MULTICORE_SIMD says).
std::vector<SimdLevel> levels_here() {
  const SimdLevel best = simd_level_supported();
  if (best == SimdLevel::NEON) return {SimdLevel::Baseline, SimdLevel::NEON};
  std::vector<SimdLevel> out;
  for (int l = 0; l <= static_cast<int>(best); ++l) out.push_back(static_cast<SimdLevel>(l));
  return out;
}

struct Shape {
  std::size_t m, k, n;
};

void check(Shape s, const std::vector<unsigned>& threads, std::uint32_t seed = 1) {
  const auto a = test::random_doubles(s.m * s.k, seed);
  const auto b = test::random_doubles(s.k * s.n, seed + 1);
  const auto want = naive(a, b, s.m, s.k, s.n);
  for (SimdLevel level : levels_here())
    for (unsigned t : threads) {
      std::vector<double> out(s.m * s.n, 99.0);
      Matmul(a.data(), b.data(), out.data(), s.m, s.k, s.n, level).run(t);
      SCOPED_TRACE(testing::Message() << s.m << "x" << s.k << "x" << s.n
                                      << " level=" << simd_level_name(level) << " threads=" << t);
      expect_bits_equal(out, want);
      if (testing::Test::HasFatalFailure()) return;
    }
}

TEST(Matmul, EveryShapeUpTo70AtEveryLevel) {
  // Each dimension runs 1..70 with the other two at awkward sizes: row tails (MR = 3, 4), column
  // tails (NR = 4, 16, 32), one and several 16-row chunks, packed and unpacked b.
  for (std::size_t d = 1; d <= 70; ++d) {
    check({d, 7, 37}, {1});
    check({33, d, 19}, {1});
    check({21, 5, d}, {1});
  }
}

TEST(Matmul, AroundBlockSizesAndThreadCounts) {
  // k-blocks of 256, packing chunks of 512 columns, 16-row chunks.
  for (Shape s : {Shape{17, 255, 33}, Shape{17, 256, 33}, Shape{40, 257, 16}, Shape{16, 600, 24},
                  Shape{33, 513, 65}, Shape{18, 70, 511}, Shape{20, 3, 513}, Shape{70, 300, 70},
                  Shape{1, 300, 1030}, Shape{100, 1, 100}})
    check(s, {1, 2, 3, 7}, static_cast<std::uint32_t>(s.m * 1000 + s.n));
}

TEST(Matmul, SpecialValuesKeepTheirOrder) {
  // Inf, NaN, -0 and subnormals: a sum depends on the order of its terms (inf - inf = NaN,
  // -0 + -0 = -0 but +0 + -0 = +0), so any reordering shows up here.
  const std::size_t m = 35, k = 300, n = 40;
  auto a = test::random_doubles(m * k, 7);
  auto b = test::random_doubles(k * n, 8);
  const double inf = std::numeric_limits<double>::infinity(),
               tiny = std::numeric_limits<double>::denorm_min();
  const double specials[] = {inf, -inf, -0.0, 0.0, tiny, -tiny, 1e308, -1e308};
  for (std::size_t i = 0; i < a.size(); i += 37) a[i] = specials[i % 8];
  for (std::size_t i = 0; i < b.size(); i += 41) b[i] = specials[(i / 3) % 8];
  for (std::size_t j = 0; j < n; ++j) a[j] = -0.0, b[j] = -0.0;  // whole rows of -0 products
  const auto want = naive(a, b, m, k, n);
  for (SimdLevel level : levels_here())
    for (unsigned t : {1u, 3u}) {
      std::vector<double> out(m * n, 99.0);
      Matmul(a.data(), b.data(), out.data(), m, k, n, level).run(t);
      SCOPED_TRACE(testing::Message() << "level=" << simd_level_name(level) << " threads=" << t);
      expect_bits_equal(out, want);
    }
}

TEST(Matmul, ChunkCountsDependOnTheSizesOnly) {
  EXPECT_EQ(matmul_chunk_count(40, 8, 5), 3u);              // n < 16: b is read in place
  EXPECT_EQ(matmul_chunk_count(16, 300, 600), 1u);          // one row chunk: nothing to share
  EXPECT_EQ(matmul_chunk_count(17, 300, 600), 2u * 2 + 2);  // packing: 2 k-blocks × 2 column groups
  EXPECT_EQ(matmul_chunk_count(3, 0, 4), 1u);
  EXPECT_EQ(matmul_chunk_count(0, 5, 4), 0u);
  for (SimdLevel level : levels_here()) {
    std::vector<double> a(17 * 300), b(300 * 600), out(17 * 600);
    Matmul mm(a.data(), b.data(), out.data(), 17, 300, 600, level);
    EXPECT_EQ(mm.total_chunks(), matmul_chunk_count(17, 300, 600));
    EXPECT_TRUE(mm.packs_b());
  }
}

TEST(Matmul, EmptyDimensions) {
  std::vector<double> out(6, 99.0);
  matmul(nullptr, nullptr, out.data(), 2, 0, 3, 2);  // k = 0: all +0.0
  expect_bits_equal(out, std::vector<double>(6, 0.0));
  std::vector<double> big(40 * 20, 99.0);
  matmul(nullptr, nullptr, big.data(), 40, 0, 20, 3);
  expect_bits_equal(big, std::vector<double>(40 * 20, 0.0));
  matmul(nullptr, nullptr, nullptr, 0, 5, 3, 2);
  matmul(nullptr, nullptr, nullptr, 3, 5, 0, 2);
}

}  // namespace
}  // namespace multicore::kernels
