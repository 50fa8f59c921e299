#include "sum_squares.h"

#include <algorithm>

#include "../support/simd.h"

namespace multicore::kernels {

MC_SIMD_CLONES double sum_squares_chunk(const double* x, std::size_t len) {
  using simd::f64x8;
  f64x8 acc = {0, 0, 0, 0, 0, 0, 0, 0};  // lane j is accumulator acc[j] of the SPEC
  std::size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    const f64x8 v = simd::load8(x + i);
    acc += v * v;
  }
  for (std::size_t t = 0; i + t < len; ++t) acc[t] += x[i + t] * x[i + t];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

SumSquares::SumSquares(const double* x, std::size_t n)
    : x_(x), n_(n), partials_(chunks_for(n, kSumSquaresChunk)) {
  phase_ends_ = {partials_.size()};
}

void SumSquares::run_chunk(std::size_t c) {
  const std::size_t begin = c * kSumSquaresChunk;
  partials_[c] = sum_squares_chunk(x_ + begin, std::min(kSumSquaresChunk, n_ - begin));
}

double SumSquares::result() const {
  double sum = 0.0;
  for (double p : partials_) sum += p;
  return sum;
}

double sum_squares(const double* x, std::size_t n, unsigned threads) {
  SumSquares k(x, n);
  k.run(threads);
  return k.result();
}

}  // namespace multicore::kernels
