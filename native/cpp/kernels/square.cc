#include "square.h"

#include <algorithm>

#include "../support/dispatch.h"
#include "../support/vec.h"

namespace multicore::kernels {

namespace {

using ChunkFn = void (*)(const double*, double*, std::size_t);

#if MC_SIMD_X86
namespace sse2 {
using V = simd::Sse2;
#include "square_body.inc"
}  // namespace sse2
MC_TARGET_PUSH(MC_FEATURES_AVX2)
namespace avx2 {
using V = simd::Avx2;
#include "square_body.inc"
}  // namespace avx2
MC_TARGET_POP()
MC_TARGET_PUSH(MC_FEATURES_AVX512)
namespace avx512 {
using V = simd::Avx512;
#include "square_body.inc"
}  // namespace avx512
MC_TARGET_POP()
constexpr simd::LevelTable<ChunkFn> kChunks{sse2::chunk, avx2::chunk, avx512::chunk, nullptr};
#else
namespace scalar {
using V = simd::Scalar;
#include "square_body.inc"
}  // namespace scalar
#if MC_SIMD_NEON
namespace neon {
using V = simd::Neon;
#include "square_body.inc"
}  // namespace neon
constexpr simd::LevelTable<ChunkFn> kChunks{scalar::chunk, nullptr, nullptr, neon::chunk};
#else
constexpr simd::LevelTable<ChunkFn> kChunks{scalar::chunk, nullptr, nullptr, nullptr};
#endif
#endif

}  // namespace

void square_chunk(SimdLevel level, const double* x, double* out, std::size_t len) {
  kChunks.at(level)(x, out, len);
}

void square_chunk(const double* x, double* out, std::size_t len) {
  static const ChunkFn fn = kChunks.at(simd_level());
  fn(x, out, len);
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
