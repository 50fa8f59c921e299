#include "count_primes.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace multicore::kernels {

namespace {

// Odd number 2*j + 1 is index j. Segment s holds indices [s*S, (s+1)*S).
constexpr std::uint64_t S = kPrimeSegmentOdds;

// One scratch segment per thread, reused across chunks and calls.
std::vector<std::uint8_t>& scratch() {
  thread_local std::vector<std::uint8_t> buf(S);
  return buf;
}

// Odd numbers not divisible by 3, 5, 7, 11 or 13 repeat with period 15015 (in odd indices).
// Starting each segment from this pattern skips ~40% of the marking work.
constexpr std::uint32_t kPresieved[] = {3, 5, 7, 11, 13};
constexpr std::size_t kPatternLen = 3 * 5 * 7 * 11 * 13;

const std::vector<std::uint8_t>& presieve_pattern() {
  static const std::vector<std::uint8_t> pattern = [] {
    std::vector<std::uint8_t> p(kPatternLen, 1);
    for (std::uint32_t q : kPresieved)
      for (std::size_t j = q / 2; j < kPatternLen; j += q) p[j] = 0;  // odd multiples of q
    return p;
  }();
  return pattern;
}

void fill_from_pattern(std::uint8_t* seg, std::uint64_t first_index, std::size_t len) {
  const std::uint8_t* pattern = presieve_pattern().data();
  std::size_t offset = static_cast<std::size_t>(first_index % kPatternLen);
  for (std::size_t done = 0; done < len;) {
    const std::size_t n = std::min(len - done, kPatternLen - offset);
    std::memcpy(seg + done, pattern + offset, n);
    done += n;
    offset = 0;
  }
}

std::uint64_t count_ones(const std::uint8_t* p, std::size_t len) {
  std::uint64_t total = 0;
  std::size_t i = 0;
  while (i < len) {  // inner sums stay below 256 * 255, so 32-bit lanes never overflow
    const std::size_t end = std::min(len, i + 65536);
    std::uint32_t s = 0;
    for (; i < end; ++i) s += p[i];
    total += s;
  }
  return total;
}

}  // namespace

std::uint64_t isqrt(std::uint64_t n) {
  auto r = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
  while (r > 0 && (r > UINT32_MAX || r * r > n)) --r;
  while (r + 1 <= UINT32_MAX && (r + 1) * (r + 1) <= n) ++r;
  return r;
}

std::size_t CountPrimes::segment_count(std::uint64_t limit) {
  if (limit < 3) return 0;
  const std::uint64_t odd_indices = (limit - 1) / 2 + 1;  // odd numbers 1, 3, ..., ≤ limit
  return static_cast<std::size_t>((odd_indices + S - 1) / S);
}

CountPrimes::CountPrimes(std::uint64_t limit) : limit_(limit) {
  const std::size_t segments = segment_count(limit);
  phase_ends_ = segments ? std::vector<std::size_t>{1, 1 + segments} : std::vector<std::size_t>{};
}

void CountPrimes::run_chunk(std::size_t c) {
  if (c == 0) {
    sieve_base_primes();
    return;
  }
  odd_primes_.fetch_add(count_segment(c - 1), std::memory_order_relaxed);
}

void CountPrimes::sieve_base_primes() {
  const std::uint64_t root = isqrt(limit_);
  // Plain odd-only sieve up to root (≤ 2^26.5 for limit ≤ 2^53).
  const std::uint64_t n = root / 2 + 1;  // indices of odd numbers ≤ root (+ spare)
  std::vector<std::uint8_t> is_prime(n, 1);
  for (std::uint64_t j = 1; j < n; ++j) {
    if (!is_prime[j]) continue;
    const std::uint64_t p = 2 * j + 1;
    if (p > root) break;
    if (p * p > root) continue;
    for (std::uint64_t m = (p * p) / 2; m < n; m += p) is_prime[m] = 0;
  }
  for (std::uint64_t j = 1; j < n; ++j) {
    const std::uint64_t p = 2 * j + 1;
    if (p > root) break;
    if (is_prime[j]) base_primes_.push_back(static_cast<std::uint32_t>(p));
  }
}

std::uint64_t CountPrimes::count_segment(std::uint64_t segment) const {
  const std::uint64_t lo = segment * S;  // first odd index of the segment
  const std::uint64_t max_index = (limit_ - 1) / 2;  // largest odd number ≤ limit is 2*max+1
  const std::uint64_t len = std::min(S, max_index + 1 - lo);
  std::uint8_t* seg = scratch().data();
  fill_from_pattern(seg, lo, static_cast<std::size_t>(len));
  const std::uint64_t hi_number = 2 * (lo + len - 1) + 1;  // largest number in the segment
  for (std::uint32_t p32 : base_primes_) {
    const std::uint64_t p = p32;
    if (p <= kPresieved[4]) continue;  // already removed by the pattern
    if (p * p > hi_number) break;
    // First odd multiple of p that is ≥ max(p², first number of the segment).
    std::uint64_t first = std::max(p * p, 2 * lo + 1);
    first = (first + p - 1) / p * p;
    if (first % 2 == 0) first += p;
    for (std::uint64_t j = (first - 1) / 2 - lo; j < len; j += p) seg[j] = 0;
  }
  if (lo == 0) {
    seg[0] = 0;  // 1 is not prime
    for (std::uint32_t q : kPresieved)  // the pattern struck out these primes themselves
      if (q / 2 < len) seg[q / 2] = 1;
  }
  return count_ones(seg, static_cast<std::size_t>(len));
}

std::uint64_t CountPrimes::result() const {
  if (limit_ < 2) return 0;
  return 1 + odd_primes_.load(std::memory_order_relaxed);  // 2, then the odd primes
}

std::uint64_t count_primes(std::uint64_t limit, unsigned threads) {
  CountPrimes k(limit);
  k.run(threads);
  return k.result();
}

}  // namespace multicore::kernels
