// Runtime selection among per-level implementations of one kernel function (simd_level()).
#pragma once

#include <vector>

#include "cpu_features.h"

namespace multicore::simd {

// One function pointer per dispatch level; a level that has no implementation in this build
// (AVX on aarch64, NEON on x86-64) is null and falls back to `baseline`.
template <class Fn>
struct LevelTable {
  Fn baseline = nullptr;
  Fn avx2 = nullptr;
  Fn avx512 = nullptr;
  Fn neon = nullptr;

  Fn at(SimdLevel level) const {
    Fn f = nullptr;
    switch (level) {
      case SimdLevel::Baseline: f = baseline; break;
      case SimdLevel::AVX2: f = avx2; break;
      case SimdLevel::AVX512: f = avx512; break;
      case SimdLevel::NEON: f = neon; break;
    }
    return f ? f : baseline;
  }
};

// The levels this CPU can run (for tests and benchmarks): baseline and every level up to
// simd_level_supported(), ignoring the MULTICORE_SIMD cap.
std::vector<SimdLevel> simd_levels_runnable();

}  // namespace multicore::simd
