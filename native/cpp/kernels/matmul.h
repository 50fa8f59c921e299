// matmul: out (m×n) = a (m×k) · b (k×n), row-major (SPEC.md "matmul"). Every element is one
// running sum from +0.0 over p = 0..k-1 in increasing order, so the result is bit-identical to
// the naive loop whatever the blocking, the SIMD level or the thread count.
//
// Blocked like a BLAS (Goto): k is cut into blocks of kMatmulBlockK processed in order; an
// output tile's running sums are loaded from `out`, continued over the next block and stored
// (never summed separately and added). A register-tiled micro-kernel per SIMD level (AVX-512,
// AVX2, SSE2, NEON, portable) keeps an MR×NR tile of sums in registers over a packed A block
// and a B panel.
//
// Phases (chunks depend on m, k, n only):
//   pack B (only when m > 16 and n >= 16): b is copied into NR-wide column panels, one chunk per
//     256 rows × 512 columns of b (ceil(k/256) · ceil(n/512) chunks);
//   rows: one chunk per 16 rows of out (ceil(m/16) chunks).
#pragma once

#include <cstddef>
#include <memory>

#include "../support/cpu_features.h"
#include "chunked.h"

namespace multicore::kernels {

inline constexpr std::size_t kMatmulChunkRows = 16;
inline constexpr std::size_t kMatmulBlockK = 256;    // rows of b per k-block
inline constexpr std::size_t kMatmulPackCols = 512;  // columns of b per packing chunk

// Total chunks of a call, as stored in the control block.
std::size_t matmul_chunk_count(std::size_t m, std::size_t k, std::size_t n);

class Matmul final : public Chunked {
 public:
  // `level` picks the micro-kernel (tests force each one); the packed copy of b is allocated
  // here, and if that fails b is read in place instead (same bits, slower).
  Matmul(const double* a, const double* b, double* out, std::size_t m, std::size_t k, std::size_t n,
         SimdLevel level = simd_level());
  void run_chunk(std::size_t c) override;
  bool packs_b() const { return packed_ != nullptr; }

  // One micro-kernel: c[MR×NR] = (zero ? +0 : c) + Σ_p ap[p*MR + r] · bp[p*ldb + j], p ascending.
  using TileFn = void (*)(std::size_t kc, const double* ap, const double* bp, std::size_t ldb,
                          double* c, std::size_t ldc, bool zero);
  struct Tile {
    std::size_t mr, nr;
    TileFn fn;
  };

 private:
  void pack_chunk(std::size_t q);
  void rows_chunk(std::size_t c);

  const double* a_;
  const double* b_;
  double* out_;
  std::size_t m_, k_, n_;
  Tile tile_;
  std::size_t panels_ = 0;  // ceil(n / NR)
  std::size_t pack_chunks_ = 0;
  std::unique_ptr<double[]> packed_;  // k × panels_·NR: per k-block, panel after panel
};

void matmul(const double* a, const double* b, double* out, std::size_t m, std::size_t k,
            std::size_t n, unsigned threads);

}  // namespace multicore::kernels
