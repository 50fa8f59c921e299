#include "cpu_features.h"

#include <cstdlib>
#include <cstring>

namespace multicore {

std::vector<std::string> detected_simd_features() {
  std::vector<std::string> out;
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
  __builtin_cpu_init();
  if (__builtin_cpu_supports("sse2")) out.emplace_back("sse2");
  if (__builtin_cpu_supports("sse4.2")) out.emplace_back("sse4.2");
  if (__builtin_cpu_supports("avx")) out.emplace_back("avx");
  if (__builtin_cpu_supports("avx2")) out.emplace_back("avx2");
  if (__builtin_cpu_supports("fma")) out.emplace_back("fma");
  if (__builtin_cpu_supports("avx512f")) out.emplace_back("avx512f");
#elif defined(__aarch64__)
  out.emplace_back("neon");  // mandatory on AArch64
#endif
  return out;
}

SimdLevel simd_level_supported() {
  static const SimdLevel level = [] {
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")) {
      return SimdLevel::AVX512;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2")) return SimdLevel::AVX2;
    return SimdLevel::Baseline;
#elif defined(__aarch64__) || defined(_M_ARM64)
    return SimdLevel::NEON;
#else
    return SimdLevel::Baseline;
#endif
  }();
  return level;
}

namespace {
struct Cap {
  bool set = false;
  SimdLevel level = SimdLevel::Baseline;
  std::string error;
};

const Cap& cap() {
  static const Cap c = [] {
    Cap c;
    const char* v = std::getenv("MULTICORE_SIMD");
    if (v == nullptr || *v == '\0') return c;
    c.set = true;
    if (std::strcmp(v, "baseline") == 0)
      c.level = SimdLevel::Baseline;
    else if (std::strcmp(v, "avx2") == 0)
      c.level = SimdLevel::AVX2;
    else if (std::strcmp(v, "avx512") == 0)
      c.level = SimdLevel::AVX512;
    else if (std::strcmp(v, "neon") == 0)
      c.level = SimdLevel::NEON;
    else {
      c.set = false;
      c.error = std::string("MULTICORE_SIMD='") + v +
                "' ignored (expected baseline, avx2, avx512 or neon)";
    }
    return c;
  }();
  return c;
}
}  // namespace

SimdLevel simd_level() {
  const SimdLevel best = simd_level_supported();
  const Cap& c = cap();
  if (!c.set) return best;
  if (best == SimdLevel::NEON) return c.level == SimdLevel::Baseline ? SimdLevel::Baseline : best;
  if (c.level == SimdLevel::NEON) return best;
  return static_cast<int>(c.level) < static_cast<int>(best) ? c.level : best;
}

const char* simd_level_name(SimdLevel level) {
  switch (level) {
    case SimdLevel::Baseline: return "baseline";
    case SimdLevel::AVX2: return "avx2";
    case SimdLevel::AVX512: return "avx512";
    case SimdLevel::NEON: return "neon";
  }
  return "baseline";
}

std::string simd_level_cap_error() { return cap().error; }

std::string compiler_description() {
#if defined(__clang__)
  return "Clang " __clang_version__;
#elif defined(__GNUC__)
  return "GCC " __VERSION__;
#elif defined(_MSC_VER)
  return "MSVC " + std::to_string(_MSC_VER);
#else
  return "unknown";
#endif
}

}  // namespace multicore

#include "dispatch.h"

namespace multicore::simd {

std::vector<SimdLevel> simd_levels_runnable() {
  const SimdLevel best = simd_level_supported();
  std::vector<SimdLevel> out{SimdLevel::Baseline};
  if (best == SimdLevel::NEON) out.push_back(SimdLevel::NEON);
  if (best == SimdLevel::AVX2 || best == SimdLevel::AVX512) out.push_back(SimdLevel::AVX2);
  if (best == SimdLevel::AVX512) out.push_back(SimdLevel::AVX512);
  return out;
}

}  // namespace multicore::simd
