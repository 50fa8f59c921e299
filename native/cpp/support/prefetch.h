// Prefetching a streaming read across 4 KiB pages. The hardware prefetchers stop at every page
// boundary, so a long read of memory in 4 KiB pages (what a V8 ArrayBuffer gets) stalls on each
// new page's TLB walk and first lines. Touching one line of the page kPrefetchPages ahead, once
// a page, starts that work early (bench/native/bandwidth.mjs and levels.mjs measure the effect).
// Used by the streaming kernels: sumSquares and square.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
#include <xmmintrin.h>
#endif

namespace multicore {

inline constexpr std::size_t kPageDoubles = 512;                // one 4 KiB page of doubles
inline constexpr std::size_t kPrefetchAheadDoubles = 16 * 512;  // 16 pages ahead

// A prefetch never faults, so `ahead` may point past the end of the array; the address is
// formed as an integer so that no out-of-range pointer is ever made.
inline void prefetch_ahead(const double* p, std::size_t ahead) {
  const auto at = reinterpret_cast<std::uintptr_t>(p) + ahead * sizeof(double);
#if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
  _mm_prefetch(reinterpret_cast<const char*>(at), _MM_HINT_T0);
#elif defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(reinterpret_cast<const void*>(at), 0, 3);
#else
  (void)at;
#endif
}

}  // namespace multicore
