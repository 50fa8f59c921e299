// matmul: out (m×n) = a (m×k) · b (k×n), row-major (SPEC.md "matmul"). Every element is one
// running sum from +0.0 over p = 0..k-1 in increasing order. A chunk is a block of 16 output rows.
#pragma once

#include <cstddef>

#include "chunked.h"

namespace multicore::kernels {

inline constexpr std::size_t kMatmulChunkRows = 16;

// Computes rows [row_begin, row_end) of out.
void matmul_rows(const double* a, const double* b, double* out, std::size_t k, std::size_t n,
                 std::size_t row_begin, std::size_t row_end);

class Matmul final : public Chunked {
 public:
  Matmul(const double* a, const double* b, double* out, std::size_t m, std::size_t k,
         std::size_t n);
  void run_chunk(std::size_t c) override;

 private:
  const double* a_;
  const double* b_;
  double* out_;
  std::size_t m_, k_, n_;
};

void matmul(const double* a, const double* b, double* out, std::size_t m, std::size_t k,
            std::size_t n, unsigned threads);

}  // namespace multicore::kernels
