// Which SIMD instruction sets the running CPU supports (for `info()` and benchmarks).
#pragma once

#include <string>
#include <vector>

namespace multicore {

// Names as the JS side expects them: "sse2", "sse4.2", "avx", "avx2", "fma", "avx512f", "neon".
std::vector<std::string> detected_simd_features();

// Compiler name and version, e.g. "GCC 12.2.0".
std::string compiler_description();

}  // namespace multicore
