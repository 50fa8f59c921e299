// square: out[i] = x[i] * x[i] (SPEC.md "square"); out may alias x exactly (in place).
#pragma once

#include <cstddef>

#include "../support/cpu_features.h"
#include "chunked.h"

namespace multicore::kernels {

inline constexpr std::size_t kSquareChunk = 65536;

// The first form uses simd_level(); the second one forces a level (tests, bench).
void square_chunk(const double* x, double* out, std::size_t len);
void square_chunk(SimdLevel level, const double* x, double* out, std::size_t len);

class Square final : public Chunked {
 public:
  Square(const double* x, double* out, std::size_t n);
  void run_chunk(std::size_t c) override;
  bool short_chunks() const override { return true; }  // 65536 elements: ~10-60 us

 private:
  const double* x_;
  double* out_;
  std::size_t n_;
};

void square(const double* x, double* out, std::size_t n, unsigned threads);

}  // namespace multicore::kernels
