#include "matmul.h"

#include <algorithm>
#include <cstring>
#include <new>

#if defined(__x86_64__) || defined(_M_X64)
#define MC_MATMUL_X86 1
#include <immintrin.h>
#elif defined(__aarch64__) || defined(_M_ARM64)
#define MC_MATMUL_NEON 1
#include <arm_neon.h>
#endif

#if defined(__GNUC__) || defined(__clang__)
#define MC_TARGET(t) __attribute__((target(t)))
#else
#define MC_TARGET(t)  // MSVC: intrinsics of every level are always available
#endif

namespace multicore::kernels {

namespace {

// Every micro-kernel below has the same shape: an MR×NR tile of running sums in registers,
// p ascending, `acc += a * b` as a separate multiply and add (never an FMA: SPEC.md).
// ap is the packed A block (MR values per p), bp the B panel (row p at bp + p*ldb).

// Portable, for CPUs without a dedicated kernel (and compilers may vectorise it).
template <int MR, int NR>
void tile_portable(std::size_t kc, const double* ap, const double* bp, std::size_t ldb, double* c,
                   std::size_t ldc, bool zero) {
  double acc[MR][NR];
  for (int r = 0; r < MR; ++r)
    for (int j = 0; j < NR; ++j) acc[r][j] = zero ? 0.0 : c[r * ldc + j];
  for (std::size_t p = 0; p < kc; ++p)
    for (int r = 0; r < MR; ++r)
      for (int j = 0; j < NR; ++j) acc[r][j] += ap[p * MR + r] * bp[p * ldb + j];
  for (int r = 0; r < MR; ++r)
    for (int j = 0; j < NR; ++j) c[r * ldc + j] = acc[r][j];
}

#if MC_MATMUL_X86

// Each level: MR rows × NV vectors. The loops have constant trip counts and are fully unrolled,
// so acc lives in registers.
template <int MR, int NV>
MC_TARGET("avx512f")
void tile_avx512(std::size_t kc, const double* ap, const double* bp, std::size_t ldb, double* c,
                 std::size_t ldc, bool zero) {
  __m512d acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v)
      acc[r][v] = zero ? _mm512_setzero_pd() : _mm512_loadu_pd(c + r * ldc + 8 * v);
  for (std::size_t p = 0; p < kc; ++p) {
    __m512d b[NV];
    for (int v = 0; v < NV; ++v) b[v] = _mm512_loadu_pd(bp + p * ldb + 8 * v);
    for (int r = 0; r < MR; ++r) {
      const __m512d a = _mm512_set1_pd(ap[p * MR + r]);
      for (int v = 0; v < NV; ++v) acc[r][v] = _mm512_add_pd(acc[r][v], _mm512_mul_pd(a, b[v]));
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) _mm512_storeu_pd(c + r * ldc + 8 * v, acc[r][v]);
}

template <int MR, int NV>
MC_TARGET("avx2")
void tile_avx2(std::size_t kc, const double* ap, const double* bp, std::size_t ldb, double* c,
               std::size_t ldc, bool zero) {
  __m256d acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v)
      acc[r][v] = zero ? _mm256_setzero_pd() : _mm256_loadu_pd(c + r * ldc + 4 * v);
  for (std::size_t p = 0; p < kc; ++p) {
    __m256d b[NV];
    for (int v = 0; v < NV; ++v) b[v] = _mm256_loadu_pd(bp + p * ldb + 4 * v);
    for (int r = 0; r < MR; ++r) {
      // set1, not _mm256_broadcast_sd(pointer): with the pointer form GCC 12 stored every
      // accumulator to the stack on each step (12 stores per k), halving this kernel's speed.
      const __m256d a = _mm256_set1_pd(ap[p * MR + r]);
      for (int v = 0; v < NV; ++v) acc[r][v] = _mm256_add_pd(acc[r][v], _mm256_mul_pd(a, b[v]));
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) _mm256_storeu_pd(c + r * ldc + 4 * v, acc[r][v]);
}

template <int MR, int NV>
void tile_sse2(std::size_t kc, const double* ap, const double* bp, std::size_t ldb, double* c,
               std::size_t ldc, bool zero) {
  __m128d acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v)
      acc[r][v] = zero ? _mm_setzero_pd() : _mm_loadu_pd(c + r * ldc + 2 * v);
  for (std::size_t p = 0; p < kc; ++p) {
    __m128d b[NV];
    for (int v = 0; v < NV; ++v) b[v] = _mm_loadu_pd(bp + p * ldb + 2 * v);
    for (int r = 0; r < MR; ++r) {
      const __m128d a = _mm_set1_pd(ap[p * MR + r]);
      for (int v = 0; v < NV; ++v) acc[r][v] = _mm_add_pd(acc[r][v], _mm_mul_pd(a, b[v]));
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) _mm_storeu_pd(c + r * ldc + 2 * v, acc[r][v]);
}

#elif MC_MATMUL_NEON

template <int MR, int NV>
void tile_neon(std::size_t kc, const double* ap, const double* bp, std::size_t ldb, double* c,
               std::size_t ldc, bool zero) {
  float64x2_t acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v)
      acc[r][v] = zero ? vdupq_n_f64(0.0) : vld1q_f64(c + r * ldc + 2 * v);
  for (std::size_t p = 0; p < kc; ++p) {
    float64x2_t b[NV];
    for (int v = 0; v < NV; ++v) b[v] = vld1q_f64(bp + p * ldb + 2 * v);
    for (int r = 0; r < MR; ++r) {
      const float64x2_t a = vdupq_n_f64(ap[p * MR + r]);
      for (int v = 0; v < NV; ++v) acc[r][v] = vaddq_f64(acc[r][v], vmulq_f64(a, b[v]));
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) vst1q_f64(c + r * ldc + 2 * v, acc[r][v]);
}

#endif

Matmul::Tile tile_for(SimdLevel level) {
#if MC_MATMUL_X86
  switch (level) {
    // Shapes measured on Zen 4 (1024², one thread): 4×32 beat 8×16, 16×8, 6×32 and 2×64;
    // 4×8 beat 3×16 and 6×8 (an MR that divides the 16-row chunk wastes no padded rows);
    // 4×4 beat 6×4, 3×8 and 2×8.
    case SimdLevel::AVX512: return {4, 32, &tile_avx512<4, 4>};
    case SimdLevel::AVX2: return {4, 8, &tile_avx2<4, 2>};
    default: return {4, 4, &tile_sse2<4, 2>};
  }
#elif MC_MATMUL_NEON
  if (level == SimdLevel::NEON) return {6, 8, &tile_neon<6, 4>};
  return {4, 4, &tile_portable<4, 4>};
#else
  (void)level;
  return {4, 4, &tile_portable<4, 4>};
#endif
}

// Largest MR and NR of any level; every NR divides kMatmulPackCols.
constexpr std::size_t kMaxMR = 8, kMaxNR = 32;
// Packed A block of one row chunk: rows rounded up to a multiple of MR.
constexpr std::size_t kApRows = kMatmulChunkRows + kMaxMR;

}  // namespace

std::size_t matmul_chunk_count(std::size_t m, std::size_t k, std::size_t n) {
  if (m == 0 || n == 0) return 0;
  const std::size_t rows = chunks_for(m, kMatmulChunkRows);
  if (k == 0 || m <= kMatmulChunkRows || n < 16) return rows;
  return chunks_for(k, kMatmulBlockK) * chunks_for(n, kMatmulPackCols) + rows;
}

Matmul::Matmul(const double* a, const double* b, double* out, std::size_t m, std::size_t k,
               std::size_t n, SimdLevel level)
    : a_(a), b_(b), out_(out), m_(m), k_(k), n_(n), tile_(tile_for(level)) {
  if (m == 0 || n == 0) return;  // no chunks
  panels_ = chunks_for(n, tile_.nr);
  const std::size_t rows = chunks_for(m, kMatmulChunkRows);
  if (matmul_chunk_count(m, k, n) > rows) {
    packed_.reset(new (std::nothrow) double[k * panels_ * tile_.nr]);
    if (packed_) pack_chunks_ = matmul_chunk_count(m, k, n) - rows;
  }
  if (pack_chunks_) phase_ends_.push_back(pack_chunks_);
  phase_ends_.push_back(pack_chunks_ + rows);
}

void Matmul::run_chunk(std::size_t c) {
  if (c < pack_chunks_)
    pack_chunk(c);
  else
    rows_chunk(c - pack_chunks_);
}

// Packed layout: k-block after k-block; inside one (kc rows), panel after panel of kc × NR,
// row p of panel j at p * NR. Columns past n are zero (their sums are never stored).
void Matmul::pack_chunk(std::size_t q) {
  const std::size_t groups = chunks_for(n_, kMatmulPackCols), nr = tile_.nr;
  const std::size_t p0 = q / groups * kMatmulBlockK, kc = std::min(kMatmulBlockK, k_ - p0);
  const std::size_t panel_begin = q % groups * (kMatmulPackCols / nr);
  const std::size_t panel_end = std::min(panels_, panel_begin + kMatmulPackCols / nr);
  double* block = packed_.get() + p0 * panels_ * nr;
  for (std::size_t jp = panel_begin; jp < panel_end; ++jp) {
    const std::size_t j0 = jp * nr, cols = std::min(nr, n_ - j0);
    double* dst = block + jp * kc * nr;
    for (std::size_t p = 0; p < kc; ++p, dst += nr) {
      std::memcpy(dst, b_ + (p0 + p) * n_ + j0, cols * sizeof(double));
      std::fill(dst + cols, dst + nr, 0.0);
    }
  }
}

void Matmul::rows_chunk(std::size_t c) {
  const std::size_t i0 = c * kMatmulChunkRows, i1 = std::min(m_, i0 + kMatmulChunkRows);
  if (k_ == 0) {
    std::fill(out_ + i0 * n_, out_ + i1 * n_, 0.0);
    return;
  }
  const std::size_t mr = tile_.mr, nr = tile_.nr, tiles = chunks_for(i1 - i0, mr);
  alignas(64) double ap[kApRows * kMatmulBlockK];
  alignas(64) double edge_b[kMatmulBlockK * kMaxNR];
  alignas(64) double edge_c[kMaxMR * kMaxNR] = {};  // lanes outside out are never stored
  for (std::size_t p0 = 0; p0 < k_; p0 += kMatmulBlockK) {
    const std::size_t kc = std::min(kMatmulBlockK, k_ - p0);
    const bool zero = p0 == 0;  // the first block starts every sum at +0.0
    // A block: tile t, row r of the tile, p → ap[t*kc*mr + p*mr + r]; rows past i1 are zero.
    for (std::size_t t = 0; t < tiles; ++t)
      for (std::size_t r = 0; r < mr; ++r) {
        const std::size_t i = i0 + t * mr + r;
        double* dst = ap + t * kc * mr + r;
        if (i < i1) {
          const double* src = a_ + i * k_ + p0;
          for (std::size_t p = 0; p < kc; ++p) dst[p * mr] = src[p];
        } else {
          for (std::size_t p = 0; p < kc; ++p) dst[p * mr] = 0.0;
        }
      }
    for (std::size_t jp = 0; jp < panels_; ++jp) {
      const std::size_t j0 = jp * nr, cols = std::min(nr, n_ - j0);
      const double* bp;
      std::size_t ldb;
      if (packed_) {
        bp = packed_.get() + p0 * panels_ * nr + jp * kc * nr;
        ldb = nr;
      } else if (cols == nr) {
        bp = b_ + p0 * n_ + j0;
        ldb = n_;
      } else {  // the last, narrower panel of an unpacked b: copy it, zero-padded
        for (std::size_t p = 0; p < kc; ++p) {
          std::memcpy(edge_b + p * nr, b_ + (p0 + p) * n_ + j0, cols * sizeof(double));
          std::fill(edge_b + p * nr + cols, edge_b + (p + 1) * nr, 0.0);
        }
        bp = edge_b;
        ldb = nr;
      }
      for (std::size_t t = 0; t < tiles; ++t) {
        const std::size_t r0 = i0 + t * mr, rows = std::min(mr, i1 - r0);
        double* c = out_ + r0 * n_ + j0;
        if (rows == mr && cols == nr) {
          tile_.fn(kc, ap + t * kc * mr, bp, ldb, c, n_, zero);
          continue;
        }
        // Partial tile: run it on a copy, store the part inside out.
        for (std::size_t r = 0; r < rows; ++r)
          if (!zero) std::memcpy(edge_c + r * nr, c + r * n_, cols * sizeof(double));
        tile_.fn(kc, ap + t * kc * mr, bp, ldb, edge_c, nr, zero);
        for (std::size_t r = 0; r < rows; ++r)
          std::memcpy(c + r * n_, edge_c + r * nr, cols * sizeof(double));
      }
    }
  }
}

void matmul(const double* a, const double* b, double* out, std::size_t m, std::size_t k,
            std::size_t n, unsigned threads) {
  Matmul(a, b, out, m, k, n).run(threads);
}

}  // namespace multicore::kernels
