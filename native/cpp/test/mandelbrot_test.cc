#include "kernels/mandelbrot.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace multicore::kernels {
namespace {

std::vector<std::uint32_t> reference(const MandelbrotParams& p) {
  std::vector<std::uint32_t> out(static_cast<std::size_t>(p.width) * p.height);
  const double dx = (p.x_max - p.x_min) / p.width;
  const double dy = (p.y_max - p.y_min) / p.height;
  for (std::uint32_t row = 0; row < p.height; ++row) {
    for (std::uint32_t col = 0; col < p.width; ++col) {
      const double cx = p.x_min + col * dx, cy = p.y_min + row * dy;
      double x = 0.0, y = 0.0;
      std::uint32_t i = 0;
      while (i < p.max_iter && x * x + y * y <= 4.0) {
        const double xt = x * x - y * y + cx;
        y = 2.0 * x * y + cy;
        x = xt;
        ++i;
      }
      out[static_cast<std::size_t>(row) * p.width + col] = i;
    }
  }
  return out;
}

TEST(Mandelbrot, MatchesSpecForEveryThreadCount) {
  MandelbrotParams p;
  p.width = 101;  // not a multiple of 8
  p.height = 37;
  p.max_iter = 300;
  const auto expected = reference(p);
  for (unsigned t : test::kThreadCounts) {
    std::vector<std::uint32_t> out(expected.size(), 12345);
    mandelbrot(p, out.data(), t);
    EXPECT_EQ(out, expected) << "threads=" << t;
  }
}

TEST(Mandelbrot, CustomBoundsAndTinyImages) {
  for (std::uint32_t w : {1u, 7u, 8u, 9u}) {
    MandelbrotParams p;
    p.width = w;
    p.height = 3;
    p.max_iter = 1000;
    p.x_min = -0.75;
    p.x_max = -0.74;
    p.y_min = 0.1;
    p.y_max = 0.11;
    std::vector<std::uint32_t> out(w * 3);
    mandelbrot(p, out.data(), 2);
    EXPECT_EQ(out, reference(p)) << "width=" << w;
  }
}

TEST(Mandelbrot, MaxIterOneAndEmpty) {
  MandelbrotParams p;
  p.width = 5;
  p.height = 4;
  p.max_iter = 1;
  std::vector<std::uint32_t> out(20);
  mandelbrot(p, out.data(), 2);
  EXPECT_EQ(out, std::vector<std::uint32_t>(20, 1));
  p.width = 0;
  mandelbrot(p, nullptr, 2);  // no rows to touch
}

}  // namespace
}  // namespace multicore::kernels
