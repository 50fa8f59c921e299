// SIMD helpers shared by the kernels: GCC/Clang vector types and runtime dispatch.
//
// MC_SIMD_CLONES marks a hot function to be compiled several times (AVX-512, AVX2, baseline);
// the dynamic loader picks the best one for the running CPU (ifunc). This is how we get wide
// vectors without -march=native. Results stay bit-identical across clones: vector lanes compute
// the same IEEE operations as the scalar definition, -ffp-contract=off forbids FMA contraction,
// and no clone reassociates floating-point sums.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__ELF__) && !defined(__SANITIZE_THREAD__) && \
    !defined(MULTICORE_NO_CLONES) && (defined(__GNUC__) || defined(__clang__))
#define MC_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MC_SIMD_CLONES
#endif

namespace multicore::simd {

// 8 lanes whatever the target: one AVX-512 register, two AVX2 or four SSE2 registers.
typedef double f64x8 __attribute__((vector_size(64)));
typedef std::int64_t i64x8 __attribute__((vector_size(64)));
typedef std::uint32_t u32x8 __attribute__((vector_size(32)));

__attribute__((always_inline)) inline f64x8 load8(const double* p) {
  f64x8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

__attribute__((always_inline)) inline void store8(double* p, f64x8 v) { std::memcpy(p, &v, sizeof v); }

}  // namespace multicore::simd
