// Every SIMD kernel at every dispatch level this CPU can run, against the scalar SPEC reference,
// bit for bit (the level is forced through the kernels' level parameter, not MULTICORE_SIMD).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernels/mandelbrot.h"
#include "kernels/monte_carlo_pi.h"
#include "kernels/square.h"
#include "kernels/sum_squares.h"
#include "support/dispatch.h"
#include "test_util.h"

namespace multicore::kernels {
namespace {

using test::bits_of;

std::vector<SimdLevel> levels() { return simd::simd_levels_runnable(); }

double sum_squares_reference(const double* x, std::size_t len) {
  double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 8 <= len; i += 8)
    for (int j = 0; j < 8; ++j) acc[j] += x[i + j] * x[i + j];
  for (std::size_t t = 0; i + t < len; ++t) acc[t] += x[i + t] * x[i + t];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

std::uint32_t mandelbrot_pixel(double cx, double cy, std::uint32_t max_iter) {
  double x = 0.0, y = 0.0;
  std::uint32_t i = 0;
  while (i < max_iter && x * x + y * y <= 4.0) {
    const double xt = x * x - y * y + cx;
    y = 2.0 * x * y + cy;
    x = xt;
    ++i;
  }
  return i;
}

std::uint64_t monte_carlo_reference(std::uint32_t seed, std::uint64_t first, std::uint32_t count) {
  std::uint64_t inside = 0;
  for (std::uint64_t s = first; s < first + count; ++s) {
    const auto hi = static_cast<std::uint32_t>(s >> 32), lo = static_cast<std::uint32_t>(s);
    const std::uint32_t k1 = lowbias32(seed ^ lowbias32(hi ^ 0x9e3779b9u));
    const std::uint32_t k2 = lowbias32(k1 ^ 0x85ebca6bu);
    const double px = static_cast<double>(lowbias32(lo ^ k1)) * (1.0 / 4294967296.0);
    const double py =
        static_cast<double>(lowbias32(lowbias32(lo ^ k2) ^ 0x27d4eb2fu)) * (1.0 / 4294967296.0);
    inside += px * px + py * py < 1.0 ? 1 : 0;
  }
  return inside;
}

TEST(SimdLevels, BaselineIsAlwaysRunnableAndTheCapIsRespected) {
  const auto l = levels();
  ASSERT_FALSE(l.empty());
  EXPECT_EQ(l.front(), SimdLevel::Baseline);
  EXPECT_EQ(l.back(), simd_level_supported());
  EXPECT_LE(static_cast<int>(simd_level()), static_cast<int>(simd_level_supported()));
}

TEST(SimdLevels, SumSquaresEveryLevelEveryTailLength) {
  auto x = test::random_doubles(70000, 7);
  x[3] = std::numeric_limits<double>::infinity();  // inf and huge values go through every lane
  x[12] = 1e200;
  x[20] = -0.0;
  for (SimdLevel level : levels()) {
    for (std::size_t len : {0ul, 1ul, 7ul, 8ul, 9ul, 15ul, 16ul, 17ul, 63ul, 1000ul, 65536ul}) {
      for (std::size_t off : {0ul, 1ul, 5ul}) {  // unaligned starts
        const double* p = x.data() + off + 21;   // past the specials
        EXPECT_EQ(bits_of(sum_squares_chunk(level, p, len)), bits_of(sum_squares_reference(p, len)))
            << simd_level_name(level) << " len=" << len << " off=" << off;
      }
      EXPECT_EQ(bits_of(sum_squares_chunk(level, x.data(), len)),
                bits_of(sum_squares_reference(x.data(), len)))
          << simd_level_name(level) << " len=" << len << " with specials";
    }
  }
}

TEST(SimdLevels, SquareEveryLevelInPlaceAndOutOfPlace) {
  const auto x = test::random_doubles(1000, 11);
  for (SimdLevel level : levels()) {
    for (std::size_t len : {0ul, 1ul, 3ul, 15ul, 16ul, 17ul, 33ul, 999ul}) {
      std::vector<double> out(len + 1, -1.0), in_place(x.begin() + 1, x.begin() + 1 + len);
      square_chunk(level, x.data() + 1, out.data(), len);
      square_chunk(level, in_place.data(), in_place.data(), len);
      for (std::size_t i = 0; i < len; ++i) {
        ASSERT_EQ(bits_of(out[i]), bits_of(x[1 + i] * x[1 + i]))
            << simd_level_name(level) << " i=" << i;
        ASSERT_EQ(bits_of(in_place[i]), bits_of(x[1 + i] * x[1 + i]))
            << simd_level_name(level) << " i=" << i;
      }
      EXPECT_EQ(out[len], -1.0) << "wrote past the end";
    }
  }
}

TEST(SimdLevels, MandelbrotEveryLevelEveryWidth) {
  for (SimdLevel level : levels()) {
    for (std::uint32_t w : {1u, 2u, 5u, 8u, 13u, 31u, 32u, 33u, 100u}) {
      MandelbrotParams p;
      p.width = w;
      p.height = 9;
      p.max_iter = 400;
      const double dx = (p.x_max - p.x_min) / p.width, dy = (p.y_max - p.y_min) / p.height;
      for (std::uint32_t row = 0; row < p.height; ++row) {
        std::vector<std::uint32_t> out(w + 1, 7777);
        ASSERT_TRUE(mandelbrot_row(level, p, row, out.data()));
        for (std::uint32_t col = 0; col < w; ++col) {
          ASSERT_EQ(out[col], mandelbrot_pixel(p.x_min + col * dx, p.y_min + row * dy, p.max_iter))
              << simd_level_name(level) << " w=" << w << " row=" << row << " col=" << col;
        }
        EXPECT_EQ(out[w], 7777u) << "wrote past the row";
      }
    }
  }
}

TEST(SimdLevels, MandelbrotAcrossAPollBoundary) {
  // maxIter above the poll interval: the iteration blocks must add up exactly.
  MandelbrotParams p;
  p.width = 40;
  p.height = 3;
  p.max_iter = kMandelbrotPollIters * 2 + 17;
  p.x_min = -0.7454;
  p.x_max = -0.7452;
  p.y_min = 0.1128;
  p.y_max = 0.1131;
  const double dx = (p.x_max - p.x_min) / p.width, dy = (p.y_max - p.y_min) / p.height;
  for (SimdLevel level : levels()) {
    std::vector<std::uint32_t> out(p.width);
    ASSERT_TRUE(mandelbrot_row(level, p, 1, out.data()));
    for (std::uint32_t col = 0; col < p.width; ++col)
      ASSERT_EQ(out[col], mandelbrot_pixel(p.x_min + col * dx, p.y_min + dy, p.max_iter))
          << simd_level_name(level);
  }
}

TEST(SimdLevels, MonteCarloEveryLevelEveryTail) {
  for (SimdLevel level : levels()) {
    for (std::uint32_t count : {0u, 1u, 3u, 4u, 15u, 16u, 17u, 1000u, 70001u}) {
      for (std::uint64_t first :
           {std::uint64_t{0}, std::uint64_t{5} << 32, std::uint64_t{1} << 20}) {
        EXPECT_EQ(monte_carlo_inside(level, 12345u, first, count),
                  monte_carlo_reference(12345u, first, count))
            << simd_level_name(level) << " count=" << count << " first=" << first;
      }
    }
  }
}

}  // namespace
}  // namespace multicore::kernels
