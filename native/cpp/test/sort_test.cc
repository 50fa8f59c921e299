#include "kernels/sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "test_util.h"

namespace multicore::kernels {
namespace {

using test::bits_of;

// Float64Array.prototype.sort order, written independently of the radix key.
bool js_less(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  if (a == 0 && b == 0) return std::signbit(a) && !std::signbit(b);
  return a < b;
}

std::vector<double> expected_order(std::vector<double> v) {
  std::stable_sort(v.begin(), v.end(), js_less);
  for (auto& x : v)
    if (std::isnan(x)) x = std::numeric_limits<double>::quiet_NaN();
  return v;
}

std::vector<double> awkward(std::size_t n, std::uint32_t seed) {
  auto v = test::random_doubles(n, seed);
  const double specials[] = {0.0,
                             -0.0,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN(),
                             -std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::denorm_min(),
                             -std::numeric_limits<double>::denorm_min(),
                             std::numeric_limits<double>::max(),
                             1.0,
                             1.0};
  for (std::size_t i = 0; i < n; i += 7) v[i] = specials[(i / 7) % std::size(specials)];
  return v;
}

void expect_sorted_like_js(const std::vector<double>& got, const std::vector<double>& input) {
  const auto want = expected_order(input);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    ASSERT_EQ(bits_of(got[i]), bits_of(want[i]))
        << "index " << i << ": " << got[i] << " vs " << want[i];
}

TEST(Sort, KeyOrder) {
  EXPECT_LT(sort_key(-0.0), sort_key(0.0));
  EXPECT_LT(sort_key(-1.0), sort_key(-0.5));
  EXPECT_LT(sort_key(std::numeric_limits<double>::infinity()), sort_key(std::nan("")));
  EXPECT_EQ(sort_key(-std::nan("")), ~std::uint64_t{0});
  EXPECT_EQ(bits_of(from_sort_key(sort_key(-0.0))), bits_of(-0.0));
  EXPECT_EQ(bits_of(from_sort_key(~std::uint64_t{0})), 0x7ff8000000000000ull);
}

TEST(Sort, MatchesJsOrderAtEverySize) {
  for (std::size_t n :
       {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{1000}, kSortChunk - 1,
        kSortChunk, kSortChunk + 1, 2 * kSortChunk, 3 * kSortChunk + 77}) {
    const auto input = awkward(n, static_cast<std::uint32_t>(n));
    for (unsigned t : test::kThreadCounts) {
      auto x = input;
      sort(x.data(), x.size(), t);
      SCOPED_TRACE(testing::Message() << "n=" << n << " threads=" << t);
      expect_sorted_like_js(x, input);
    }
  }
}

// The scratch of one sort is kept for the next (sort_scratch.h): a larger kept buffer, full of an
// earlier sort's keys, must serve a smaller sort without those keys showing up in its result.
TEST(Sort, KeptScratchServesLaterSorts) {
  for (std::size_t n :
       {5 * kSortChunk + 3, 2 * kSortChunk + 1, 4 * kSortChunk, kSortChunk + 9, 6 * kSortChunk}) {
    const auto input = awkward(n, static_cast<std::uint32_t>(n * 3));
    auto x = input;
    sort(x.data(), x.size(), 2);
    SCOPED_TRACE(testing::Message() << "n=" << n);
    expect_sorted_like_js(x, input);
  }
}

#if defined(__linux__)
TEST(SortScratch, KeepsTheLastBufferForOneThatFits) {
  std::uint64_t* first = nullptr;
  {
    auto a = SortScratch::acquire(1 << 20);
    first = a.get();
    a[0] = 42;
  }
  EXPECT_EQ(SortScratch::kept_bytes(), std::size_t{8} << 20);  // released: kept
  auto smaller = SortScratch::acquire(1 << 19);
  EXPECT_EQ(smaller.get(), first);  // handed back, not mapped afresh
  EXPECT_EQ(SortScratch::kept_bytes(), 0u);
  auto second = SortScratch::acquire(1 << 19);  // the kept one is taken: a fresh buffer
  EXPECT_NE(second.get(), first);
  smaller.reset();
  second.reset();
  EXPECT_EQ(SortScratch::kept_bytes(), std::size_t{4} << 20);  // one kept, the last released
  SortScratch::acquire(SortScratch::kKeepBytes / 8 + 1).reset();
  // The kept buffer was too small for it (unmapped), and one over kKeepBytes is not kept.
  EXPECT_EQ(SortScratch::kept_bytes(), 0u);
}
#endif

TEST(Sort, SpecialDistributions) {
  // Constant digits skip their passes: whole arrays of one value, few values, zeros of both
  // signs, NaNs of both signs, subnormals only, presorted and reversed.
  const std::size_t n = 2 * kSortChunk + 5;
  std::vector<std::vector<double>> cases(7, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) {
    cases[0][i] = static_cast<double>(i) - 1000.0;
    cases[1][i] = 1000.0 - static_cast<double>(i);
    cases[2][i] = 3.25;
    cases[3][i] = static_cast<double>(i % 5);
    cases[4][i] = i % 2 ? 0.0 : -0.0;
    cases[5][i] = i % 3 == 0 ? (i % 2 ? std::nan("") : -std::nan("")) : -static_cast<double>(i);
    std::uint64_t bits = i * 7919 % (std::uint64_t{1} << 40) | (i % 2 ? std::uint64_t{1} << 63 : 0);
    std::memcpy(&cases[6][i], &bits, sizeof bits);  // subnormals of both signs
  }
  for (std::size_t c = 0; c < cases.size(); ++c)
    for (unsigned t : test::kThreadCounts) {
      auto x = cases[c];
      sort(x.data(), n, t);
      SCOPED_TRACE(testing::Message() << "case " << c << " threads=" << t);
      expect_sorted_like_js(x, cases[c]);
    }
}

TEST(Sort, ChunkCountsArePhased) {
  std::vector<double> x(3 * kSortChunk);
  Sort k(x.data(), x.size());
  EXPECT_EQ(k.total_chunks(), 15u * 3 + 7);  // 7 radix passes of 10 bits
  EXPECT_EQ(k.phase_ends().size(), 22u);
  std::vector<double> small(kSortChunk);
  EXPECT_EQ(Sort(small.data(), small.size()).total_chunks(), 1u);
  EXPECT_EQ(Sort(nullptr, 0).total_chunks(), 0u);
}

}  // namespace
}  // namespace multicore::kernels
