#include "square.h"

#include <algorithm>

#include "../support/simd.h"

namespace multicore::kernels {

// x and out are either the same array or disjoint (the binding checks), so plain loops are safe;
// the compiler still must assume aliasing, hence the explicit 8-wide load/store.
MC_SIMD_CLONES void square_chunk(const double* x, double* out, std::size_t len) {
  std::size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    const simd::f64x8 v = simd::load8(x + i);
    simd::store8(out + i, v * v);
  }
  for (; i < len; ++i) out[i] = x[i] * x[i];
}

Square::Square(const double* x, double* out, std::size_t n) : x_(x), out_(out), n_(n) {
  phase_ends_ = {chunks_for(n, kSquareChunk)};
}

void Square::run_chunk(std::size_t c) {
  const std::size_t begin = c * kSquareChunk;
  square_chunk(x_ + begin, out_ + begin, std::min(kSquareChunk, n_ - begin));
}

void square(const double* x, double* out, std::size_t n, unsigned threads) {
  Square(x, out, n).run(threads);
}

}  // namespace multicore::kernels
