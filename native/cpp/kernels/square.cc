#include "square.h"

#include <algorithm>

#include "../support/dispatch.h"
#include "../support/prefetch.h"
#include "../support/vec.h"

namespace multicore::kernels {

namespace {

using ChunkFn = void (*)(const double*, double*, std::size_t);

#define MC_LEVEL_BODY "../kernels/square_body.inc"
#include "../support/per_level.inc"
constexpr auto kChunks = MC_LEVEL_TABLE(ChunkFn, chunk);

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
