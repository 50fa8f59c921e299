#include "support/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace multicore {
namespace {

TEST(HugePages, NothingWhenNoWholeHugePageFits) {
  std::vector<char> small(kHugePageBytes);  // a 2 MiB block almost never starts on a 2 MiB boundary
  const auto at = reinterpret_cast<std::uintptr_t>(small.data());
  const std::size_t expected = at % kHugePageBytes == 0 ? kHugePageBytes : 0;
  EXPECT_EQ(advise_huge_pages(small.data(), small.size(), false), expected);
  EXPECT_EQ(advise_huge_pages(small.data(), 0, false), 0u);
}

#if defined(__linux__)
class Mapping {
 public:
  explicit Mapping(std::size_t bytes) : bytes_(bytes) {
    p_ = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  }
  ~Mapping() {
    if (p_ != MAP_FAILED) munmap(p_, bytes_);
  }
  char* data() const { return static_cast<char*>(p_); }
  bool ok() const { return p_ != MAP_FAILED; }

 private:
  void* p_;
  std::size_t bytes_;
};

TEST(HugePages, AdvisesTheAlignedInteriorOnly) {
  const std::size_t bytes = 9 * kHugePageBytes;
  Mapping m(bytes);
  ASSERT_TRUE(m.ok());
  // Start 1 byte past a 2 MiB boundary inside the mapping: the interior is whole pages only.
  const auto base = reinterpret_cast<std::uintptr_t>(m.data());
  const std::uintptr_t boundary = (base + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  char* start = reinterpret_cast<char*>(boundary + 1);
  const std::size_t len = 5 * kHugePageBytes;  // covers 4 whole pages after `start`'s page
  const std::size_t advised = advise_huge_pages(start, len, false);
  // The kernel refuses the advice only where it was built without transparent huge pages.
  const bool thp = access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) == 0;
  EXPECT_EQ(advised, thp ? 4 * kHugePageBytes : 0);
}

TEST(HugePages, KeepsContentsUnlessToldTheyAreZeros) {
  const std::size_t bytes = 6 * kHugePageBytes;
  Mapping m(bytes);
  ASSERT_TRUE(m.ok());
  std::memset(m.data(), 0x5a, bytes);
  advise_huge_pages(m.data(), bytes, false);
  for (std::size_t i = 0; i < bytes; i += 4096) ASSERT_EQ(m.data()[i], 0x5a) << i;
  // drop_zeroed on bytes that are zeros: they still read as zeros afterwards.
  std::memset(m.data(), 0, bytes);
  advise_huge_pages(m.data(), bytes, true);
  for (std::size_t i = 0; i < bytes; i += 512) ASSERT_EQ(m.data()[i], 0) << i;
}

// AnonHugePages of the mapping that holds `at`, from /proc/self/smaps.
std::size_t huge_bytes_at(const void* at) {
  std::ifstream smaps("/proc/self/smaps");
  const auto a = reinterpret_cast<std::uintptr_t>(at);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    unsigned long lo = 0;
    unsigned long hi = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &lo, &hi) == 2 &&
        line.find(" kB") == std::string::npos) {
      inside = lo <= a && a < hi;
    } else if (inside && line.rfind("AnonHugePages:", 0) == 0) {
      return std::stoul(line.substr(14)) * 1024;
    }
  }
  return 0;
}

// Resident 4 KiB pages of the page-aligned [p, p + bytes), from mincore.
std::size_t resident_pages(char* p, std::size_t bytes) {
  std::vector<unsigned char> in(bytes / 4096);
  if (mincore(p, bytes, in.data()) != 0) return ~std::size_t{0};
  std::size_t n = 0;
  for (unsigned char c : in) n += c & 1;
  return n;
}

// Memory already in small pages (a buffer glibc recycled and zeroed by hand) gains nothing from
// advice alone: with drop_zeroed its whole huge pages are dropped (the rest stays in memory) and
// fault back in huge. Residency says what was dropped, exactly; the huge-page count after a fill is
// checked only where pages were dropped. Without the drop, how many pages end up huge is
// khugepaged's doing (it scans advised ranges in the background, 8 huge pages a pass by default: CI
// saw 1, then 3).
TEST(HugePages, DroppingZeroedPagesLetsThemFaultInHuge) {
  std::ifstream setting("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string thp;
  std::getline(setting, thp);
  if (thp.empty() || thp.find("[never]") != std::string::npos) GTEST_SKIP() << "THP off: " << thp;
  const std::size_t bytes = 10 * kHugePageBytes;
  const std::size_t pages = bytes / 4096;
  for (bool drop : {false, true}) {
    Mapping m(bytes);
    ASSERT_TRUE(m.ok());
    madvise(m.data(), bytes, MADV_NOHUGEPAGE);
    std::memset(m.data(), 0, bytes);  // in 4 KiB pages
    EXPECT_EQ(huge_bytes_at(m.data() + bytes / 2), 0u);
    ASSERT_EQ(resident_pages(m.data(), bytes), pages);
    const std::size_t advised = advise_huge_pages(m.data(), bytes, drop);
    ASSERT_GE(advised, 9 * kHugePageBytes);  // the whole huge pages inside (9 or 10)
    EXPECT_EQ(resident_pages(m.data(), bytes), drop ? pages - advised / 4096 : pages);
    if (drop) {
      std::memset(m.data(), 1, bytes);
      EXPECT_GE(huge_bytes_at(m.data() + bytes / 2),
                6 * kHugePageBytes);  // of 9, when free memory allows
    }
  }
}
#endif

}  // namespace
}  // namespace multicore
