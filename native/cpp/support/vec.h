// Vector traits over intrinsics, one struct per dispatch level, so a kernel body is written once
// (a template over V) and compiled per level inside MC_TARGET_PUSH/POP (simd_target.h).
//
//   V::N             doubles per vector D; M is a lane mask, C holds N 64-bit lane counters
//   V::keep_le(m, a, b) == mand(m, le(a, b))
//   V::L == 2 * N    u32 lanes per vector U (to_doubles turns one U into two D, exactly)
//
// Every operation is the IEEE operation of the scalar definition lane by lane (no FMA, no
// reassociation), so all levels give the SPEC's bits.
#pragma once

#include <cstdint>
#include <cstring>

#include "simd_target.h"

#if MC_SIMD_X86
// GCC 12 warns "__Y may be used uninitialized" inside its own AVX-512 headers (a known false
// positive of _mm512_undefined_*); the check is done at the header's lines, so silence it there.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop
#else
#include <immintrin.h>
#endif
#elif MC_SIMD_NEON
#include <arm_neon.h>
#endif

namespace multicore::simd {

// Plain C++, one lane: the portable fallback (and the reference the others mirror).
struct Scalar {
  static constexpr int N = 1;
  static constexpr int L = 2;
  using D = double;
  using M = bool;
  using C = std::uint64_t;
  struct U {
    std::uint32_t v[2];
  };
  static MC_ALWAYS_INLINE D set1(double a) { return a; }
  static MC_ALWAYS_INLINE D loadu(const double* p) { return *p; }
  static MC_ALWAYS_INLINE void storeu(double* p, D a) { *p = a; }
  static MC_ALWAYS_INLINE D add(D a, D b) { return a + b; }
  static MC_ALWAYS_INLINE D sub(D a, D b) { return a - b; }
  static MC_ALWAYS_INLINE D mul(D a, D b) { return a * b; }
  static MC_ALWAYS_INLINE M le(D a, D b) { return a <= b; }
  static MC_ALWAYS_INLINE M lt(D a, D b) { return a < b; }
  static MC_ALWAYS_INLINE M mand(M a, M b) { return a && b; }
  static MC_ALWAYS_INLINE M mor(M a, M b) { return a || b; }
  static MC_ALWAYS_INLINE M keep_le(M m, D a, D b) { return m && a <= b; }  // m && a <= b
  static MC_ALWAYS_INLINE bool any(M a) { return a; }
  static MC_ALWAYS_INLINE M first_lanes(int k) { return k > 0; }
  static MC_ALWAYS_INLINE C czero() { return 0; }
  static MC_ALWAYS_INLINE C cinc(C c, M m) { return c + (m ? 1 : 0); }
  static MC_ALWAYS_INLINE void cstore(std::uint64_t* out, C c) { *out = c; }
  static MC_ALWAYS_INLINE U uset1(std::uint32_t a) { return {{a, a}}; }
  static MC_ALWAYS_INLINE U uiota() { return {{0, 1}}; }
  static MC_ALWAYS_INLINE U uadd(U a, U b) { return {{a.v[0] + b.v[0], a.v[1] + b.v[1]}}; }
  static MC_ALWAYS_INLINE U uxor(U a, U b) { return {{a.v[0] ^ b.v[0], a.v[1] ^ b.v[1]}}; }
  static MC_ALWAYS_INLINE U umul(U a, U b) { return {{a.v[0] * b.v[0], a.v[1] * b.v[1]}}; }
  template <int S>
  static MC_ALWAYS_INLINE U ushr(U a) {
    return {{a.v[0] >> S, a.v[1] >> S}};
  }
  static MC_ALWAYS_INLINE void to_doubles(U a, D& lo, D& hi) {
    lo = static_cast<double>(a.v[0]);
    hi = static_cast<double>(a.v[1]);
  }
};

#if MC_SIMD_X86

// x86-64 baseline: SSE2, 2 doubles per register.
struct Sse2 {
  static constexpr int N = 2;
  static constexpr int L = 4;
  using D = __m128d;
  using M = __m128d;
  using C = __m128i;
  using U = __m128i;
  static MC_ALWAYS_INLINE D set1(double a) { return _mm_set1_pd(a); }
  static MC_ALWAYS_INLINE D loadu(const double* p) { return _mm_loadu_pd(p); }
  static MC_ALWAYS_INLINE void storeu(double* p, D a) { _mm_storeu_pd(p, a); }
  static MC_ALWAYS_INLINE D add(D a, D b) { return _mm_add_pd(a, b); }
  static MC_ALWAYS_INLINE D sub(D a, D b) { return _mm_sub_pd(a, b); }
  static MC_ALWAYS_INLINE D mul(D a, D b) { return _mm_mul_pd(a, b); }
  static MC_ALWAYS_INLINE M le(D a, D b) { return _mm_cmple_pd(a, b); }
  static MC_ALWAYS_INLINE M lt(D a, D b) { return _mm_cmplt_pd(a, b); }
  static MC_ALWAYS_INLINE M mand(M a, M b) { return _mm_and_pd(a, b); }
  static MC_ALWAYS_INLINE M mor(M a, M b) { return _mm_or_pd(a, b); }
  static MC_ALWAYS_INLINE M keep_le(M m, D a, D b) { return _mm_and_pd(m, _mm_cmple_pd(a, b)); }
  static MC_ALWAYS_INLINE bool any(M a) { return _mm_movemask_pd(a) != 0; }
  static MC_ALWAYS_INLINE M first_lanes(int k) {
    return _mm_castsi128_pd(_mm_set_epi64x(k > 1 ? -1 : 0, k > 0 ? -1 : 0));
  }
  static MC_ALWAYS_INLINE C czero() { return _mm_setzero_si128(); }
  // A true lane is all ones (-1), so subtracting it counts one.
  static MC_ALWAYS_INLINE C cinc(C c, M m) { return _mm_sub_epi64(c, _mm_castpd_si128(m)); }
  static MC_ALWAYS_INLINE void cstore(std::uint64_t* out, C c) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), c);
  }
  static MC_ALWAYS_INLINE U uset1(std::uint32_t a) { return _mm_set1_epi32(static_cast<int>(a)); }
  static MC_ALWAYS_INLINE U uiota() { return _mm_setr_epi32(0, 1, 2, 3); }
  static MC_ALWAYS_INLINE U uadd(U a, U b) { return _mm_add_epi32(a, b); }
  static MC_ALWAYS_INLINE U uxor(U a, U b) { return _mm_xor_si128(a, b); }
  // SSE2 has no 32-bit low multiply (pmulld is SSE4.1): two 32x32->64 multiplies, even and odd
  // lanes.
  static MC_ALWAYS_INLINE U umul(U a, U b) {
    const __m128i even = _mm_mul_epu32(a, b);
    const __m128i odd = _mm_mul_epu32(_mm_srli_epi64(a, 32), _mm_srli_epi64(b, 32));
    return _mm_unpacklo_epi32(_mm_shuffle_epi32(even, _MM_SHUFFLE(0, 0, 2, 0)),
                              _mm_shuffle_epi32(odd, _MM_SHUFFLE(0, 0, 2, 0)));
  }
  template <int S>
  static MC_ALWAYS_INLINE U ushr(U a) {
    return _mm_srli_epi32(a, S);
  }
  // u32 -> double as a signed conversion of (v ^ 2^31) plus 2^31: exact.
  static MC_ALWAYS_INLINE void to_doubles(U a, D& lo, D& hi) {
    const __m128i s = _mm_xor_si128(a, _mm_set1_epi32(INT32_MIN));
    const __m128d bias = _mm_set1_pd(2147483648.0);
    lo = _mm_add_pd(_mm_cvtepi32_pd(s), bias);
    hi = _mm_add_pd(_mm_cvtepi32_pd(_mm_shuffle_epi32(s, _MM_SHUFFLE(3, 2, 3, 2))), bias);
  }
};

MC_TARGET_PUSH(MC_FEATURES_AVX2)
struct Avx2 {
  static constexpr int N = 4;
  static constexpr int L = 8;
  using D = __m256d;
  using M = __m256d;
  using C = __m256i;
  using U = __m256i;
  static MC_ALWAYS_INLINE D set1(double a) { return _mm256_set1_pd(a); }
  static MC_ALWAYS_INLINE D loadu(const double* p) { return _mm256_loadu_pd(p); }
  static MC_ALWAYS_INLINE void storeu(double* p, D a) { _mm256_storeu_pd(p, a); }
  static MC_ALWAYS_INLINE D add(D a, D b) { return _mm256_add_pd(a, b); }
  static MC_ALWAYS_INLINE D sub(D a, D b) { return _mm256_sub_pd(a, b); }
  static MC_ALWAYS_INLINE D mul(D a, D b) { return _mm256_mul_pd(a, b); }
  static MC_ALWAYS_INLINE M le(D a, D b) { return _mm256_cmp_pd(a, b, _CMP_LE_OQ); }
  static MC_ALWAYS_INLINE M lt(D a, D b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
  static MC_ALWAYS_INLINE M mand(M a, M b) { return _mm256_and_pd(a, b); }
  static MC_ALWAYS_INLINE M mor(M a, M b) { return _mm256_or_pd(a, b); }
  static MC_ALWAYS_INLINE M keep_le(M m, D a, D b) {
    return _mm256_and_pd(m, _mm256_cmp_pd(a, b, _CMP_LE_OQ));
  }
  static MC_ALWAYS_INLINE bool any(M a) { return _mm256_movemask_pd(a) != 0; }
  static MC_ALWAYS_INLINE M first_lanes(int k) {
    const __m256i idx = _mm256_setr_epi64x(0, 1, 2, 3);
    return _mm256_castsi256_pd(_mm256_cmpgt_epi64(_mm256_set1_epi64x(k), idx));
  }
  static MC_ALWAYS_INLINE C czero() { return _mm256_setzero_si256(); }
  static MC_ALWAYS_INLINE C cinc(C c, M m) { return _mm256_sub_epi64(c, _mm256_castpd_si256(m)); }
  static MC_ALWAYS_INLINE void cstore(std::uint64_t* out, C c) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), c);
  }
  static MC_ALWAYS_INLINE U uset1(std::uint32_t a) {
    return _mm256_set1_epi32(static_cast<int>(a));
  }
  static MC_ALWAYS_INLINE U uiota() { return _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7); }
  static MC_ALWAYS_INLINE U uadd(U a, U b) { return _mm256_add_epi32(a, b); }
  static MC_ALWAYS_INLINE U uxor(U a, U b) { return _mm256_xor_si256(a, b); }
  static MC_ALWAYS_INLINE U umul(U a, U b) { return _mm256_mullo_epi32(a, b); }
  template <int S>
  static MC_ALWAYS_INLINE U ushr(U a) {
    return _mm256_srli_epi32(a, S);
  }
  static MC_ALWAYS_INLINE void to_doubles(U a, D& lo, D& hi) {
    const __m256i s = _mm256_xor_si256(a, _mm256_set1_epi32(INT32_MIN));
    const __m256d bias = _mm256_set1_pd(2147483648.0);
    lo = _mm256_add_pd(_mm256_cvtepi32_pd(_mm256_castsi256_si128(s)), bias);
    hi = _mm256_add_pd(_mm256_cvtepi32_pd(_mm256_extracti128_si256(s, 1)), bias);
  }
};
MC_TARGET_POP()

MC_TARGET_PUSH(MC_FEATURES_AVX512)
struct Avx512 {
  static constexpr int N = 8;
  static constexpr int L = 16;
  using D = __m512d;
  using M = __mmask8;
  using C = __m512i;
  using U = __m512i;
  static MC_ALWAYS_INLINE D set1(double a) { return _mm512_set1_pd(a); }
  static MC_ALWAYS_INLINE D loadu(const double* p) { return _mm512_loadu_pd(p); }
  static MC_ALWAYS_INLINE void storeu(double* p, D a) { _mm512_storeu_pd(p, a); }
  static MC_ALWAYS_INLINE D add(D a, D b) { return _mm512_add_pd(a, b); }
  static MC_ALWAYS_INLINE D sub(D a, D b) { return _mm512_sub_pd(a, b); }
  static MC_ALWAYS_INLINE D mul(D a, D b) { return _mm512_mul_pd(a, b); }
  static MC_ALWAYS_INLINE M le(D a, D b) { return _mm512_cmp_pd_mask(a, b, _CMP_LE_OQ); }
  static MC_ALWAYS_INLINE M lt(D a, D b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
  static MC_ALWAYS_INLINE M mand(M a, M b) { return static_cast<M>(a & b); }
  static MC_ALWAYS_INLINE M mor(M a, M b) { return static_cast<M>(a | b); }
  // One masked compare: keeps the masks in k registers with Clang too.
  static MC_ALWAYS_INLINE M keep_le(M m, D a, D b) {
    return _mm512_mask_cmp_pd_mask(m, a, b, _CMP_LE_OQ);
  }
  static MC_ALWAYS_INLINE bool any(M a) { return a != 0; }
  static MC_ALWAYS_INLINE M first_lanes(int k) {
    return static_cast<M>(k >= 8 ? 0xff : (1u << k) - 1u);
  }
  static MC_ALWAYS_INLINE C czero() { return _mm512_setzero_si512(); }
  static MC_ALWAYS_INLINE C cinc(C c, M m) {
    return _mm512_mask_add_epi64(c, m, c, _mm512_set1_epi64(1));
  }
  static MC_ALWAYS_INLINE void cstore(std::uint64_t* out, C c) { _mm512_storeu_si512(out, c); }
  static MC_ALWAYS_INLINE U uset1(std::uint32_t a) {
    return _mm512_set1_epi32(static_cast<int>(a));
  }
  static MC_ALWAYS_INLINE U uiota() {
    return _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  }
  static MC_ALWAYS_INLINE U uadd(U a, U b) { return _mm512_add_epi32(a, b); }
  static MC_ALWAYS_INLINE U uxor(U a, U b) { return _mm512_xor_si512(a, b); }
  static MC_ALWAYS_INLINE U umul(U a, U b) { return _mm512_mullo_epi32(a, b); }
  template <int S>
  static MC_ALWAYS_INLINE U ushr(U a) {
    return _mm512_srli_epi32(a, S);
  }
  static MC_ALWAYS_INLINE void to_doubles(U a, D& lo, D& hi) {
    lo = _mm512_cvtepu32_pd(_mm512_castsi512_si256(a));
    hi = _mm512_cvtepu32_pd(_mm512_extracti64x4_epi64(a, 1));
  }
};
MC_TARGET_POP()

#elif MC_SIMD_NEON

// AArch64: NEON (Advanced SIMD) is mandatory, 2 doubles per register.
struct Neon {
  static constexpr int N = 2;
  static constexpr int L = 4;
  using D = float64x2_t;
  using M = uint64x2_t;
  using C = uint64x2_t;
  using U = uint32x4_t;
  static MC_ALWAYS_INLINE D set1(double a) { return vdupq_n_f64(a); }
  static MC_ALWAYS_INLINE D loadu(const double* p) { return vld1q_f64(p); }
  static MC_ALWAYS_INLINE void storeu(double* p, D a) { vst1q_f64(p, a); }
  static MC_ALWAYS_INLINE D add(D a, D b) { return vaddq_f64(a, b); }
  static MC_ALWAYS_INLINE D sub(D a, D b) { return vsubq_f64(a, b); }
  static MC_ALWAYS_INLINE D mul(D a, D b) { return vmulq_f64(a, b); }
  static MC_ALWAYS_INLINE M le(D a, D b) { return vcleq_f64(a, b); }
  static MC_ALWAYS_INLINE M lt(D a, D b) { return vcltq_f64(a, b); }
  static MC_ALWAYS_INLINE M mand(M a, M b) { return vandq_u64(a, b); }
  static MC_ALWAYS_INLINE M mor(M a, M b) { return vorrq_u64(a, b); }
  static MC_ALWAYS_INLINE M keep_le(M m, D a, D b) { return vandq_u64(m, vcleq_f64(a, b)); }
  static MC_ALWAYS_INLINE bool any(M a) { return vmaxvq_u32(vreinterpretq_u32_u64(a)) != 0; }
  static MC_ALWAYS_INLINE M first_lanes(int k) {
    const std::uint64_t lanes[2] = {k > 0 ? ~std::uint64_t{0} : 0, k > 1 ? ~std::uint64_t{0} : 0};
    return vld1q_u64(lanes);
  }
  static MC_ALWAYS_INLINE C czero() { return vdupq_n_u64(0); }
  static MC_ALWAYS_INLINE C cinc(C c, M m) { return vsubq_u64(c, m); }
  static MC_ALWAYS_INLINE void cstore(std::uint64_t* out, C c) { vst1q_u64(out, c); }
  static MC_ALWAYS_INLINE U uset1(std::uint32_t a) { return vdupq_n_u32(a); }
  static MC_ALWAYS_INLINE U uiota() {
    const std::uint32_t lanes[4] = {0, 1, 2, 3};
    return vld1q_u32(lanes);
  }
  static MC_ALWAYS_INLINE U uadd(U a, U b) { return vaddq_u32(a, b); }
  static MC_ALWAYS_INLINE U uxor(U a, U b) { return veorq_u32(a, b); }
  static MC_ALWAYS_INLINE U umul(U a, U b) { return vmulq_u32(a, b); }
  template <int S>
  static MC_ALWAYS_INLINE U ushr(U a) {
    return vshrq_n_u32(a, S);
  }
  static MC_ALWAYS_INLINE void to_doubles(U a, D& lo, D& hi) {
    lo = vcvtq_f64_u64(vmovl_u32(vget_low_u32(a)));
    hi = vcvtq_f64_u64(vmovl_u32(vget_high_u32(a)));
  }
};

#endif

}  // namespace multicore::simd
