// mandelbrot: iteration counts, row-major (SPEC.md "mandelbrot"). One chunk per row; the pool
// hands rows out dynamically because their cost is very uneven.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../support/cpu_features.h"
#include "chunked.h"

namespace multicore::kernels {

struct MandelbrotParams {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::uint32_t max_iter = 1;
  double x_min = -2.0;
  double x_max = 0.5;
  double y_min = -1.25;
  double y_max = 1.25;
};

// Polled inside a row every kMandelbrotPollIters iterations, so that a row with a huge maxIter
// can be abandoned within milliseconds of an abort. fn == nullptr never stops.
struct RowStop {
  bool (*fn)(const void* ctx) = nullptr;
  const void* ctx = nullptr;
};
inline constexpr std::uint32_t kMandelbrotPollIters = 8192;

// Fills out[0..width) with the counts of one row; false if `stop` fired first (then the row is
// incomplete). The first form uses simd_level(); the second one forces a level (tests, bench).
bool mandelbrot_row(const MandelbrotParams& p, std::uint32_t row, std::uint32_t* out,
                    RowStop stop = {});
bool mandelbrot_row(SimdLevel level, const MandelbrotParams& p, std::uint32_t row,
                    std::uint32_t* out, RowStop stop = {});

class Mandelbrot final : public Chunked {
 public:
  Mandelbrot(const MandelbrotParams& p, std::uint32_t* out);
  void run_chunk(std::size_t row) override;

 private:
  MandelbrotParams p_;
  std::uint32_t* out_;
};

void mandelbrot(const MandelbrotParams& p, std::uint32_t* out, unsigned threads);

}  // namespace multicore::kernels
