#include "huge_pages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace multicore {

std::size_t advise_huge_pages(void* data, std::size_t bytes, bool drop_zeroed) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  if (begin > UINTPTR_MAX - bytes) return 0;
  const std::uintptr_t first = (begin + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kHugePageBytes - 1);
  if (first >= last) return 0;
  const std::size_t advised = last - first;
  void* at = reinterpret_cast<void*>(first);
  if (madvise(at, advised, MADV_HUGEPAGE) != 0) return 0;
  if (drop_zeroed) madvise(at, advised, MADV_DONTNEED);  // if refused, the pages just stay small
  return advised;
#else
  (void)data;
  (void)bytes;
  (void)drop_zeroed;
  return 0;
#endif
}

}  // namespace multicore
