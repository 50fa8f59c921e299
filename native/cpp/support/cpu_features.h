// Which SIMD instruction sets the running CPU supports, and the level the kernels dispatch to.
#pragma once

#include <string>
#include <vector>

namespace multicore {

// Names as the JS side expects them: "sse2", "sse4.2", "avx", "avx2", "fma", "avx512f", "neon".
std::vector<std::string> detected_simd_features();

// The dispatch levels the kernels are written for. AVX2 means x86-64-v3 (AVX2 + BMI2; FMA is
// never used, see SPEC.md); AVX512 means x86-64-v4 (AVX-512 F, BW, DQ, VL).
enum class SimdLevel : int { Baseline = 0, AVX2 = 1, AVX512 = 2, NEON = 3 };

// The best level this CPU supports, capped by the environment variable MULTICORE_SIMD
// ("baseline", "avx2", "avx512" or "neon"; read once). The cap lets one machine measure and test
// every lower level; a cap above what the CPU has gives the CPU's best. Unknown values are ignored
// (simd_level_cap_error() says so, for info()).
SimdLevel simd_level();
// Same, without the cap: what the CPU supports.
SimdLevel simd_level_supported();
const char* simd_level_name(SimdLevel level);
// Empty, or why MULTICORE_SIMD was ignored.
std::string simd_level_cap_error();

// Compiler name and version, e.g. "GCC 12.2.0".
std::string compiler_description();

}  // namespace multicore
