#include "sum_squares.h"

#include <algorithm>

#include "../support/dispatch.h"
#include "../support/vec.h"

namespace multicore::kernels {

namespace {

using ChunkFn = double (*)(const double*, std::size_t);

#if MC_SIMD_X86
namespace sse2 {
using V = simd::Sse2;
#include "sum_squares_body.inc"
}  // namespace sse2
MC_TARGET_PUSH(MC_FEATURES_AVX2)
namespace avx2 {
using V = simd::Avx2;
#include "sum_squares_body.inc"
}  // namespace avx2
MC_TARGET_POP()
MC_TARGET_PUSH(MC_FEATURES_AVX512)
namespace avx512 {
using V = simd::Avx512;
#include "sum_squares_body.inc"
}  // namespace avx512
MC_TARGET_POP()
constexpr simd::LevelTable<ChunkFn> kChunks{sse2::chunk, avx2::chunk, avx512::chunk, nullptr};
#else
namespace scalar {
using V = simd::Scalar;
#include "sum_squares_body.inc"
}  // namespace scalar
#if MC_SIMD_NEON
namespace neon {
using V = simd::Neon;
#include "sum_squares_body.inc"
}  // namespace neon
constexpr simd::LevelTable<ChunkFn> kChunks{scalar::chunk, nullptr, nullptr, neon::chunk};
#else
constexpr simd::LevelTable<ChunkFn> kChunks{scalar::chunk, nullptr, nullptr, nullptr};
#endif
#endif

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
