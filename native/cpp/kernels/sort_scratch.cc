#include "sort_scratch.h"

#include <mutex>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace multicore::kernels {

#if defined(__linux__)
namespace {

struct Kept {
  void* p = nullptr;
  std::size_t bytes = 0;
};

std::mutex kept_mutex;
Kept kept;  // the last released buffer, or none

Kept take_kept() {
  std::lock_guard<std::mutex> lock(kept_mutex);
  Kept k = kept;
  kept = {};
  return k;
}

}  // namespace

SortScratch::Ptr SortScratch::acquire(std::size_t n) {
  const std::size_t bytes = n * sizeof(std::uint64_t);
  Kept k = take_kept();
  if (k.p && k.bytes >= bytes) return Ptr(static_cast<std::uint64_t*>(k.p), Release{k.bytes});
  if (k.p) munmap(k.p, k.bytes);
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  madvise(p, bytes, MADV_HUGEPAGE);  // advice only: fine if THP is off
  return Ptr(static_cast<std::uint64_t*>(p), Release{bytes});
}

std::size_t SortScratch::kept_bytes() {
  std::lock_guard<std::mutex> lock(kept_mutex);
  return kept.bytes;
}

void SortScratch::Release::operator()(std::uint64_t* p) const {
  if (bytes > kKeepBytes) {
    munmap(p, bytes);
    return;
  }
  madvise(p, bytes, MADV_FREE);  // reclaimable until the next sort writes to it
  Kept old;
  {
    std::lock_guard<std::mutex> lock(kept_mutex);
    old = kept;
    kept = {p, bytes};
  }
  if (old.p) munmap(old.p, old.bytes);
}

#else

SortScratch::Ptr SortScratch::acquire(std::size_t n) {
  return Ptr(new std::uint64_t[n], Release{0});
}
void SortScratch::Release::operator()(std::uint64_t* p) const { delete[] p; }
std::size_t SortScratch::kept_bytes() { return 0; }

#endif

}  // namespace multicore::kernels
