#include "matmul.h"

#include <algorithm>

#include "../support/simd.h"

namespace multicore::kernels {

namespace {

using simd::f64x8;

// Panel of k kept hot in cache. Splitting p into blocks is exact: a block stores the running sum
// in `out` and the next block continues from it, so p still grows one step at a time per element.
constexpr std::size_t kBlockK = 256;

// R rows × 8 columns of out, p in [p0, p1), held in registers.
template <int R>
__attribute__((always_inline)) inline void tile(const double* a, const double* b, double* out,
                                                std::size_t k, std::size_t n, std::size_t i0,
                                                std::size_t j0, std::size_t p0, std::size_t p1) {
  f64x8 c[R];
  for (int r = 0; r < R; ++r) c[r] = p0 == 0 ? f64x8{} : simd::load8(out + (i0 + r) * n + j0);
  for (std::size_t p = p0; p < p1; ++p) {
    const f64x8 bv = simd::load8(b + p * n + j0);
    for (int r = 0; r < R; ++r) c[r] += a[(i0 + r) * k + p] * bv;
  }
  for (int r = 0; r < R; ++r) simd::store8(out + (i0 + r) * n + j0, c[r]);
}

}  // namespace

MC_SIMD_CLONES void matmul_rows(const double* a, const double* b, double* out, std::size_t k,
                                std::size_t n, std::size_t row_begin, std::size_t row_end) {
  if (k == 0) {
    std::fill(out + row_begin * n, out + row_end * n, 0.0);
    return;
  }
  const std::size_t full_cols = n / 8 * 8;
  for (std::size_t p0 = 0; p0 < k; p0 += kBlockK) {
    const std::size_t p1 = std::min(k, p0 + kBlockK);
    for (std::size_t j0 = 0; j0 < full_cols; j0 += 8) {
      std::size_t i = row_begin;
      for (; i + 4 <= row_end; i += 4) tile<4>(a, b, out, k, n, i, j0, p0, p1);
      switch (row_end - i) {
        case 3: tile<3>(a, b, out, k, n, i, j0, p0, p1); break;
        case 2: tile<2>(a, b, out, k, n, i, j0, p0, p1); break;
        case 1: tile<1>(a, b, out, k, n, i, j0, p0, p1); break;
        default: break;
      }
    }
    for (std::size_t i = row_begin; i < row_end; ++i) {  // the last n % 8 columns
      for (std::size_t j = full_cols; j < n; ++j) {
        double s = p0 == 0 ? 0.0 : out[i * n + j];
        for (std::size_t p = p0; p < p1; ++p) s += a[i * k + p] * b[p * n + j];
        out[i * n + j] = s;
      }
    }
  }
}

Matmul::Matmul(const double* a, const double* b, double* out, std::size_t m, std::size_t k,
               std::size_t n)
    : a_(a), b_(b), out_(out), m_(m), k_(k), n_(n) {
  phase_ends_ = {n == 0 ? 0 : chunks_for(m, kMatmulChunkRows)};
}

void Matmul::run_chunk(std::size_t c) {
  const std::size_t begin = c * kMatmulChunkRows;
  matmul_rows(a_, b_, out_, k_, n_, begin, std::min(m_, begin + kMatmulChunkRows));
}

void matmul(const double* a, const double* b, double* out, std::size_t m, std::size_t k,
            std::size_t n, unsigned threads) {
  Matmul(a, b, out, m, k, n).run(threads);
}

}  // namespace multicore::kernels
