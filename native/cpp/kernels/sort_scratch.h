// The radix sort's scratch buffer (n keys), kept for the next sort.
//
// A fresh buffer of n keys is n / 512 huge-page faults, each zeroing 2 MiB. On a VM whose host
// takes free memory back (free page reporting), those pages arrive cold and zeroing them measured
// up to the whole sort's time again (a 2·10^6 sort: 45 ms of user time, 4 to 46 ms of system time,
// varying run to run). So the buffer of the last sort is kept (one, at most kKeepBytes) and handed
// to the next one that fits, with MADV_FREE in between: the kernel may still reclaim it under
// memory pressure, and a sort writing to reclaimed pages just faults them in again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace multicore::kernels {

class SortScratch {
 public:
  static constexpr std::size_t kKeepBytes = std::size_t{256} << 20;

  struct Release {
    std::size_t bytes = 0;  // the mapping's size (may exceed the keys asked for)
    void operator()(std::uint64_t* p) const;
  };
  using Ptr = std::unique_ptr<std::uint64_t[], Release>;

  // Room for at least n keys; contents undefined. Throws std::bad_alloc.
  static Ptr acquire(std::size_t n);

  // The size of the buffer kept for the next sort (0: none).
  static std::size_t kept_bytes();
};

}  // namespace multicore::kernels
