// A GoogleTest-free check of the SIMD kernels at every level the running CPU has, against the
// scalar SPEC reference: for cross builds run under an emulator (aarch64 + qemu), where no GTest
// is installed for the target. Exit status 0 when every level matches. See run-aarch64.sh.
#include <cstdint>
#include <cstdio>
#include <vector>

#include "kernels/mandelbrot.h"
#include "kernels/monte_carlo_pi.h"
#include "kernels/square.h"
#include "kernels/sum_squares.h"
#include "support/dispatch.h"

using namespace multicore;
using namespace multicore::kernels;

static int failures = 0;
#define CHECK(cond, ...)                 \
  do {                                   \
    if (!(cond)) {                       \
      std::printf("FAIL: " __VA_ARGS__); \
      std::printf("\n");                 \
      ++failures;                        \
    }                                    \
  } while (0)

int main() {
  std::vector<double> x(5000);
  std::uint64_t s = 88172645463325252ull;
  for (double& v : x) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    v = (static_cast<double>(s >> 11) / 9007199254740992.0 - 0.5) * 1e3;
  }
  for (SimdLevel level : simd::simd_levels_runnable()) {
    const char* name = simd_level_name(level);
    for (std::size_t len : {0ul, 1ul, 7ul, 8ul, 9ul, 17ul, 4999ul}) {
      double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      std::size_t i = 0;
      for (; i + 8 <= len; i += 8)
        for (int j = 0; j < 8; ++j) acc[j] += x[i + j] * x[i + j];
      for (std::size_t t = 0; i + t < len; ++t) acc[t] += x[i + t] * x[i + t];
      const double want =
          ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
      CHECK(sum_squares_chunk(level, x.data(), len) == want, "%s sumSquares len=%zu", name, len);
      std::vector<double> out(len);
      square_chunk(level, x.data(), out.data(), len);
      for (std::size_t k = 0; k < len; ++k)
        CHECK(out[k] == x[k] * x[k], "%s square k=%zu", name, k);
    }
    MandelbrotParams p;
    p.width = 37;
    p.height = 11;
    p.max_iter = 500;
    const double dx = (p.x_max - p.x_min) / p.width, dy = (p.y_max - p.y_min) / p.height;
    for (std::uint32_t row = 0; row < p.height; ++row) {
      std::vector<std::uint32_t> out(p.width);
      mandelbrot_row(level, p, row, out.data());
      for (std::uint32_t col = 0; col < p.width; ++col) {
        const double cx = p.x_min + col * dx, cy = p.y_min + row * dy;
        double xx = 0, yy = 0;
        std::uint32_t it = 0;
        while (it < p.max_iter && xx * xx + yy * yy <= 4.0) {
          const double xt = xx * xx - yy * yy + cx;
          yy = 2.0 * xx * yy + cy;
          xx = xt;
          ++it;
        }
        CHECK(out[col] == it, "%s mandelbrot row=%u col=%u", name, row, col);
      }
    }
    for (std::uint32_t count : {0u, 1u, 5u, 16u, 1001u}) {
      std::uint64_t want = 0;
      for (std::uint32_t t = 0; t < count; ++t) {
        const std::uint32_t k1 = lowbias32(7u ^ lowbias32(0u ^ 0x9e3779b9u)),
                            k2 = lowbias32(k1 ^ 0x85ebca6bu);
        const double px = lowbias32(t ^ k1) * (1.0 / 4294967296.0);
        const double py = lowbias32(lowbias32(t ^ k2) ^ 0x27d4eb2fu) * (1.0 / 4294967296.0);
        want += px * px + py * py < 1.0;
      }
      CHECK(monte_carlo_inside(level, 7u, 0, count) == want, "%s monteCarloPi count=%u", name,
            count);
    }
    std::printf("%s: checked\n", name);
  }
  std::printf(failures ? "FAILED (%d)\n" : "OK\n", failures);
  return failures ? 1 : 0;
}
