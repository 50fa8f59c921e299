// Advice to back memory with huge pages (Linux transparent huge pages, 2 MiB on x86-64 and
// aarch64 with 4 KiB base pages). A long streaming read over 4 KiB pages takes a TLB walk every
// 512 doubles and the hardware prefetchers stop at each page boundary; NumPy madvises its big
// arrays for this reason. Advice only: it never fails a caller, and THP set to `never`, other
// systems, or memory that is already touched (already mapped in small pages) just gain nothing.
#pragma once

#include <cstddef>

namespace multicore {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

// Advises the whole 2 MiB-aligned huge pages inside [data, data + bytes) (the ragged ends stay as
// they are: advice applies to whole pages, and the bytes around a buffer may be someone else's).
// Returns the number of bytes advised: 0 when no whole huge page fits, off Linux, or when the
// kernel refused the advice.
//
// Advice reaches only pages not yet in memory, and a big buffer is not always a fresh mapping: once
// glibc has freed one, it serves later ones of that size from its heap, zeroed by a memset. So with
// `drop_zeroed` (the bytes are zeros that nothing else refers to yet: a buffer just allocated)
// those pages are dropped too (MADV_DONTNEED: private anonymous memory reads as zeros again) and
// fault back in huge. Synchronous collapsing (MADV_COLLAPSE) measured 167 ms for 64 MiB here; this,
// ~1 ms.
std::size_t advise_huge_pages(void* data, std::size_t bytes, bool drop_zeroed);

}  // namespace multicore
