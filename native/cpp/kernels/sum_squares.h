// sumSquares: Σ x[i]², bit-identical with the JS reference (SPEC.md "sumSquares").
#pragma once

#include <cstddef>
#include <vector>

#include "../support/cpu_features.h"
#include "chunked.h"

namespace multicore::kernels {

inline constexpr std::size_t kSumSquaresChunk = 65536;

// The partial sum of one chunk: 8 accumulators, tail element t into accumulator t, pairwise
// combine. The first form uses simd_level(); the second one forces a level (tests, bench).
double sum_squares_chunk(const double* x, std::size_t len);
double sum_squares_chunk(SimdLevel level, const double* x, std::size_t len);

class SumSquares final : public Chunked {
 public:
  SumSquares(const double* x, std::size_t n);
  void run_chunk(std::size_t c) override;
  bool short_chunks() const override { return true; }  // 65536 elements: ~10-60 us
  double result() const;  // chunk partials added in chunk order, from +0.0

 private:
  const double* x_;
  std::size_t n_;
  std::vector<double> partials_;
};

double sum_squares(const double* x, std::size_t n, unsigned threads);

}  // namespace multicore::kernels
