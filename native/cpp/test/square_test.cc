#include "kernels/square.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace multicore::kernels {
namespace {

TEST(Square, MatchesScalarForEveryThreadCount) {
  for (std::size_t n : {0ul, 1ul, 9ul, 65536ul, 3 * 65536ul + 11}) {
    auto x = test::random_doubles(n, 3);
    for (unsigned t : test::kThreadCounts) {
      std::vector<double> out(n, -1.0);
      square(x.data(), out.data(), n, t);
      for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], x[i] * x[i]) << "n=" << n << " i=" << i;
    }
  }
}

TEST(Square, InPlace) {
  auto x = test::random_doubles(65536 + 17, 5);
  auto expected = x;
  for (auto& v : expected) v = v * v;
  square(x.data(), x.data(), x.size(), 2);
  EXPECT_EQ(x, expected);
}

}  // namespace
}  // namespace multicore::kernels
