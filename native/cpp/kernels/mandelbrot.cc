#include "mandelbrot.h"

#include "../support/simd.h"

namespace multicore::kernels {

// Eight pixels at a time. Each lane runs exactly the SPEC recurrence; a lane that has stopped is
// frozen (its x, y and count no longer change) so the loop body has no per-pixel branch.
MC_SIMD_CLONES void mandelbrot_row(const MandelbrotParams& p, std::uint32_t row,
                                   std::uint32_t* out) {
  using simd::f64x8;
  using simd::i64x8;
  const double dx = (p.x_max - p.x_min) / p.width;
  const double dy = (p.y_max - p.y_min) / p.height;
  const double cy_scalar = p.y_min + row * dy;
  const f64x8 cy = cy_scalar - (f64x8){};
  const f64x8 four = 4.0 - (f64x8){};
  for (std::uint32_t col0 = 0; col0 < p.width; col0 += 8) {
    f64x8 cx;
    i64x8 alive;  // all ones while the lane iterates
    for (int l = 0; l < 8; ++l) {
      cx[l] = p.x_min + static_cast<double>(col0 + l) * dx;
      alive[l] = col0 + l < p.width ? -1 : 0;
    }
    f64x8 x = {}, y = {};
    i64x8 count = {};
    for (std::uint32_t i = 0; i < p.max_iter; ++i) {
      const f64x8 xx = x * x;
      const f64x8 yy = y * y;
      alive &= (xx + yy <= four);
      if (!(alive[0] | alive[1] | alive[2] | alive[3] | alive[4] | alive[5] | alive[6] |
            alive[7])) {
        break;
      }
      const f64x8 xt = (xx - yy) + cx;
      const f64x8 yt = (2.0 * x) * y + cy;
      x = alive ? xt : x;
      y = alive ? yt : y;
      count -= alive;  // alive is -1 in running lanes
    }
    for (int l = 0; l < 8 && col0 + l < p.width; ++l) out[col0 + l] = static_cast<std::uint32_t>(count[l]);
  }
}

Mandelbrot::Mandelbrot(const MandelbrotParams& p, std::uint32_t* out) : p_(p), out_(out) {
  phase_ends_ = {p.width == 0 ? 0 : static_cast<std::size_t>(p.height)};
}

void Mandelbrot::run_chunk(std::size_t row) {
  mandelbrot_row(p_, static_cast<std::uint32_t>(row), out_ + row * p_.width);
}

void mandelbrot(const MandelbrotParams& p, std::uint32_t* out, unsigned threads) {
  Mandelbrot(p, out).run(threads);
}

}  // namespace multicore::kernels
