// mandelbrot: iteration counts, row-major (SPEC.md "mandelbrot"). One chunk per row; the pool
// hands rows out dynamically because their cost is very uneven.
#pragma once

#include <cstddef>
#include <cstdint>

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

// Fills out[0..width) with the counts of one row.
void mandelbrot_row(const MandelbrotParams& p, std::uint32_t row, std::uint32_t* out);

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
