// Compiling one region of a file for a wider instruction set, without -march (runtime dispatch).
//
//   MC_TARGET_PUSH("avx2,bmi2")   ...functions defined here may use AVX2...   MC_TARGET_POP()
//
// On GCC and Clang this gives every function defined in the region
// __attribute__((target("..."))), templates and inline helpers included (GCC: #pragma GCC target,
// Clang: #pragma clang attribute); code outside the region stays x86-64 baseline, so nothing
// wider leaks into shared inline functions. MSVC needs nothing: its intrinsics are always
// available and the caller only runs them after checking the CPU (simd_level()).
#pragma once

#define MC_PRAGMA(tokens) _Pragma(#tokens)

#if defined(__clang__)
#define MC_TARGET_PUSH(features) \
  MC_PRAGMA(clang attribute push(__attribute__((target(features))), apply_to = function))
#define MC_TARGET_POP() MC_PRAGMA(clang attribute pop)
#elif defined(__GNUC__)
#define MC_TARGET_PUSH(features) MC_PRAGMA(GCC push_options) MC_PRAGMA(GCC target(features))
#define MC_TARGET_POP() MC_PRAGMA(GCC pop_options)
#else
#define MC_TARGET_PUSH(features)
#define MC_TARGET_POP()
#endif

#if defined(__GNUC__) || defined(__clang__)
#define MC_ALWAYS_INLINE inline __attribute__((always_inline))
#elif defined(_MSC_VER)
#define MC_ALWAYS_INLINE __forceinline
#else
#define MC_ALWAYS_INLINE inline
#endif

// The feature strings of the dispatch levels (cpu_features.h: AVX2 = x86-64-v3 without FMA,
// AVX512 = x86-64-v4).
#define MC_FEATURES_AVX2 "avx,avx2,bmi,bmi2,popcnt,sse4.1,sse4.2,ssse3"
#define MC_FEATURES_AVX512 MC_FEATURES_AVX2 ",avx512f,avx512bw,avx512dq,avx512vl"

#if defined(__x86_64__) || defined(_M_X64)
#define MC_SIMD_X86 1
#elif defined(__aarch64__) || defined(_M_ARM64)
#define MC_SIMD_NEON 1
#endif
