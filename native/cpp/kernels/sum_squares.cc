#include "sum_squares.h"

#include <algorithm>

#include "../support/dispatch.h"
#include "../support/prefetch.h"
#include "../support/vec.h"

namespace multicore::kernels {

namespace {

using ChunkFn = double (*)(const double*, std::size_t);

#define MC_LEVEL_BODY "../kernels/sum_squares_body.inc"
#include "../support/per_level.inc"
constexpr auto kChunks = MC_LEVEL_TABLE(ChunkFn, chunk);

}  // namespace

double sum_squares_chunk(SimdLevel level, const double* x, std::size_t len) {
  return kChunks.at(level)(x, len);
}

double sum_squares_chunk(const double* x, std::size_t len) {
  static const ChunkFn fn = kChunks.at(simd_level());
  return fn(x, len);
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
