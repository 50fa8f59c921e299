#include "kernels/matmul.h"

#include <gtest/gtest.h>

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

void expect_bits_equal(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    ASSERT_EQ(test::bits_of(got[i]), test::bits_of(want[i])) << "element " << i;
}

struct Shape {
  std::size_t m, k, n;
};

TEST(Matmul, BitIdenticalWithNaiveReference) {
  // Odd sizes hit the row (4) and column (8) remainders; k > 256 crosses k-blocks.
  for (Shape s : {Shape{1, 1, 1}, Shape{4, 8, 8}, Shape{17, 300, 13}, Shape{33, 5, 19},
                  Shape{16, 600, 24}, Shape{3, 257, 7}}) {
    auto a = test::random_doubles(s.m * s.k, 1);
    auto b = test::random_doubles(s.k * s.n, 2);
    const auto want = naive(a, b, s.m, s.k, s.n);
    for (unsigned t : test::kThreadCounts) {
      std::vector<double> out(s.m * s.n, 99.0);
      matmul(a.data(), b.data(), out.data(), s.m, s.k, s.n, t);
      SCOPED_TRACE(testing::Message() << s.m << "x" << s.k << "x" << s.n << " threads=" << t);
      expect_bits_equal(out, want);
    }
  }
}

TEST(Matmul, EmptyDimensions) {
  std::vector<double> out(6, 99.0);
  matmul(nullptr, nullptr, out.data(), 2, 0, 3, 2);  // k = 0: all +0.0
  expect_bits_equal(out, std::vector<double>(6, 0.0));
  matmul(nullptr, nullptr, nullptr, 0, 5, 3, 2);
  matmul(nullptr, nullptr, nullptr, 3, 5, 0, 2);
}

}  // namespace
}  // namespace multicore::kernels
