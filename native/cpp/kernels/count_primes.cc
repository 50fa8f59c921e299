#include "count_primes.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "support/cpu_features.h"
#include "support/popcount.h"

namespace multicore::kernels {

namespace {

// The wheel: byte b, bit k stands for the number 30b + kWheel[k].
constexpr std::uint32_t kWheel[8] = {1, 7, 11, 13, 17, 19, 23, 29};

constexpr int wheel_index(std::uint32_t r) {
  for (int k = 0; k < 8; ++k)
    if (kWheel[k] == r) return k;
  return -1;
}

// For a prime p = 30q + kWheel[R], its multiple p·(30j + kWheel[k]) lies in byte
// p·j + q·kWheel[k] + kCarry[R][k], bit kBit[R][k].
struct WheelTables {
  std::uint8_t carry[8][8];
  std::uint8_t bit[8][8];
};
constexpr WheelTables make_tables() {
  WheelTables t{};
  for (int r = 0; r < 8; ++r)
    for (int k = 0; k < 8; ++k) {
      const std::uint32_t prod = kWheel[r] * kWheel[k];
      t.carry[r][k] = static_cast<std::uint8_t>(prod / 30);
      t.bit[r][k] = static_cast<std::uint8_t>(wheel_index(prod % 30));
    }
  return t;
}
constexpr WheelTables kTables = make_tables();

// A chunk is sieved in segments sized for L2; within a segment, the primes below kSmallPrime
// (many multiples per byte range) are crossed off block by block, each block sized for L1.
// The larger primes visit each segment once: a larger segment pays their per-visit cost less often.
// Measured on a Zen 4 EPYC (32 KiB L1d, 1 MiB L2): 256 KiB / 32 KiB / 8192 beat the
// neighbouring choices at both 10^9 and 10^10.
constexpr std::uint64_t kSegmentBytes = kPrimeSegmentBytes;
constexpr std::uint64_t kBlockBytes = kPrimeBlockBytes;
constexpr std::uint64_t kSmallPrime = 8192;
static_assert(kPrimeMaxChunkBytes % kSegmentBytes == 0, "segments tile the largest chunk");
static_assert(kSegmentBytes % kBlockBytes == 0, "blocks tile a segment");

// Pre-sieving: the multiples of 7..53 repeat with period Π q (in wheel bytes); each segment
// starts as the AND of these patterns at the segment's offset instead of crossing them off.
constexpr std::uint32_t kPresieveGroups[][3] = {{7, 11, 13}, {17, 19, 23}, {29, 31, 0},
                                                {37, 41, 0}, {43, 47, 0},  {53, 0, 0}};
constexpr std::uint32_t kLargestPresieved = 53;

struct Pattern {
  std::uint32_t period;
  std::vector<std::uint8_t> bytes;
};

const std::vector<Pattern>& presieve_patterns() {
  static const std::vector<Pattern> patterns = [] {
    std::vector<Pattern> out;
    for (const auto& group : kPresieveGroups) {
      std::uint32_t period = 1;
      for (std::uint32_t q : group)
        if (q) period *= q;
      Pattern p{period, std::vector<std::uint8_t>(period, 0xff)};
      for (std::uint32_t t = 0; t < period; ++t)
        for (int k = 0; k < 8; ++k)
          for (std::uint32_t q : group)
            if (q && (std::uint64_t{30} * t + kWheel[k]) % q == 0) p.bytes[t] &= ~(1u << k);
      out.push_back(std::move(p));
    }
    return out;
  }();
  return patterns;
}

// seg[0, len) = AND of the patterns at absolute byte `first`.
void presieve(std::uint8_t* seg, std::uint64_t first, std::size_t len) {
  const auto& patterns = presieve_patterns();
  bool initialised = false;
  for (const Pattern& pat : patterns) {
    std::size_t off = static_cast<std::size_t>(first % pat.period);
    const std::uint8_t* src = pat.bytes.data();
    for (std::size_t done = 0; done < len;) {
      const std::size_t n = std::min(len - done, pat.period - off);
      std::uint8_t* dst = seg + done;
      if (!initialised) {
        std::memcpy(dst, src + off, n);
      } else {
        for (std::size_t i = 0; i < n; ++i) dst[i] &= src[off + i];
      }
      done += n;
      off = 0;
    }
    initialised = true;
  }
}

// One sieving prime's state inside a chunk: its next multiple is in wheel cycle `cycle` (the
// byte, relative to the current segment, where the multiples p·(30j + 1..29) start) at wheel
// position `k`.
struct Sieving {
  std::uint32_t q;  // p / 30
  std::uint8_t r;   // wheel index of p % 30
  std::uint8_t k;   // wheel position of the next multiple
  std::int64_t cycle;
};

// Crosses off the multiples of one prime inside seg[0, len) and moves its state to the next
// segment. Multiples of the cycle are 8 bytes at fixed offsets; a full cycle spans p bytes.
template <int R>
inline void cross_off(std::uint8_t* seg, std::int64_t len, Sieving& s) {
  const std::int64_t q = s.q;
  const std::int64_t p = 30 * q + kWheel[R];
  std::int64_t o[8];
  for (int k = 0; k < 8; ++k) o[k] = q * kWheel[k] + kTables.carry[R][k];
  constexpr std::uint8_t m0 = static_cast<std::uint8_t>(~(1u << kTables.bit[R][0]));
  constexpr std::uint8_t m1 = static_cast<std::uint8_t>(~(1u << kTables.bit[R][1]));
  constexpr std::uint8_t m2 = static_cast<std::uint8_t>(~(1u << kTables.bit[R][2]));
  constexpr std::uint8_t m3 = static_cast<std::uint8_t>(~(1u << kTables.bit[R][3]));
  constexpr std::uint8_t m4 = static_cast<std::uint8_t>(~(1u << kTables.bit[R][4]));
  constexpr std::uint8_t m5 = static_cast<std::uint8_t>(~(1u << kTables.bit[R][5]));
  constexpr std::uint8_t m6 = static_cast<std::uint8_t>(~(1u << kTables.bit[R][6]));
  constexpr std::uint8_t m7 = static_cast<std::uint8_t>(~(1u << kTables.bit[R][7]));
  constexpr std::uint8_t masks[8] = {m0, m1, m2, m3, m4, m5, m6, m7};
  std::int64_t c = s.cycle;
  int k = s.k;
  if (k != 0) {  // finish the cycle the previous segment left open
    for (; k < 8; ++k) {
      if (c + o[k] >= len) {
        s.cycle = c - len;
        s.k = static_cast<std::uint8_t>(k);
        return;
      }
      seg[c + o[k]] &= masks[k];
    }
    c += p;
  }
  for (; c + o[7] < len; c += p) {
    seg[c + o[0]] &= m0;
    seg[c + o[1]] &= m1;
    seg[c + o[2]] &= m2;
    seg[c + o[3]] &= m3;
    seg[c + o[4]] &= m4;
    seg[c + o[5]] &= m5;
    seg[c + o[6]] &= m6;
    seg[c + o[7]] &= m7;
  }
  for (k = 0; k < 8 && c + o[k] < len; ++k) seg[c + o[k]] &= masks[k];
  s.cycle = c - len;
  s.k = static_cast<std::uint8_t>(k);
}

void cross_off_any(std::uint8_t* seg, std::int64_t len, Sieving& s) {
  switch (s.r) {
    case 0: cross_off<0>(seg, len, s); break;
    case 1: cross_off<1>(seg, len, s); break;
    case 2: cross_off<2>(seg, len, s); break;
    case 3: cross_off<3>(seg, len, s); break;
    case 4: cross_off<4>(seg, len, s); break;
    case 5: cross_off<5>(seg, len, s); break;
    case 6: cross_off<6>(seg, len, s); break;
    default: cross_off<7>(seg, len, s); break;
  }
}

// Bits set in p[0, len).
std::uint64_t count_bits_portable(const std::uint8_t* p, std::size_t len) {
  std::uint64_t total = 0;
  std::size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    total += static_cast<std::uint64_t>(popcount64(w));
  }
  for (; i < len; ++i) total += static_cast<std::uint64_t>(popcount64(p[i]));
  return total;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("popcnt"))) std::uint64_t count_bits_popcnt(const std::uint8_t* p,
                                                                  std::size_t len) {
  std::uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  std::size_t i = 0;
  for (; i + 32 <= len; i += 32) {
    std::uint64_t w[4];
    std::memcpy(w, p + i, 32);
    t0 += static_cast<std::uint64_t>(__builtin_popcountll(w[0]));
    t1 += static_cast<std::uint64_t>(__builtin_popcountll(w[1]));
    t2 += static_cast<std::uint64_t>(__builtin_popcountll(w[2]));
    t3 += static_cast<std::uint64_t>(__builtin_popcountll(w[3]));
  }
  for (; i < len; ++i) t0 += static_cast<std::uint64_t>(__builtin_popcount(p[i]));
  return t0 + t1 + t2 + t3;
}
#endif

using CountBits = std::uint64_t (*)(const std::uint8_t*, std::size_t);
CountBits pick_count_bits() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  // Every AVX2-level CPU (x86-64-v3) has POPCNT.
  if (simd_level() == SimdLevel::AVX2 || simd_level() == SimdLevel::AVX512)
    return count_bits_popcnt;
#endif
  return count_bits_portable;
}

constexpr std::size_t kKeepSievingPrimes = std::size_t{1}
                                           << 18;  // 4 MiB of state, π(√limit) up to limit ≈ 1.4e13

struct Scratch {
  std::vector<std::uint8_t> seg = std::vector<std::uint8_t>(kSegmentBytes);
  std::vector<Sieving> primes;
};
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// First wheel position at or after multiplier residue m (0..29); 8 means the next cycle.
constexpr std::array<std::uint8_t, 30> make_next_position() {
  std::array<std::uint8_t, 30> t{};
  for (int m = 0; m < 30; ++m) {
    int k = 0;
    while (k < 8 && static_cast<int>(kWheel[k]) < m) ++k;
    t[m] = static_cast<std::uint8_t>(k);
  }
  return t;
}
constexpr std::array<std::uint8_t, 30> kNextPosition = make_next_position();

}  // namespace

std::uint64_t isqrt(std::uint64_t n) {
  auto r = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
  while (r > 0 && (r > UINT32_MAX || r * r > n)) --r;
  while (r + 1 <= UINT32_MAX && (r + 1) * (r + 1) <= n) ++r;
  return r;
}

std::uint64_t prime_chunk_bytes(std::uint64_t limit) {
  for (unsigned e = 16; e < 19; ++e)
    if ((std::uint64_t{1} << (2 * e)) >= 16 * limit) return std::uint64_t{1} << e;
  return kPrimeMaxChunkBytes;
}

std::size_t CountPrimes::segment_count(std::uint64_t limit) {
  if (limit < 2) return 0;
  return static_cast<std::size_t>(limit / (30 * prime_chunk_bytes(limit)) + 1);
}

CountPrimes::CountPrimes(std::uint64_t limit)
    : limit_(limit), chunk_bytes_(prime_chunk_bytes(limit)) {
  const std::size_t chunks = segment_count(limit);
  phase_ends_ = chunks ? std::vector<std::size_t>{1, 1 + chunks} : std::vector<std::size_t>{};
}

void CountPrimes::run_chunk(std::size_t c) {
  if (c == 0) {
    sieve_base_primes();
    return;
  }
  wheel_primes_.fetch_add(count_chunk(c - 1), std::memory_order_relaxed);
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

// Primes > 5 in chunk `chunk` (numbers ≤ limit only).
std::uint64_t CountPrimes::count_chunk(std::uint64_t chunk) const {
  const std::uint64_t last_byte = limit_ / 30;  // the byte holding `limit`
  const std::uint64_t first = chunk * chunk_bytes_;
  const std::uint64_t end = std::min(first + chunk_bytes_, last_byte + 1);  // bytes [first, end)
  const std::uint64_t segment_bytes = std::min(kSegmentBytes, chunk_bytes_);
  const std::uint64_t top = std::min(limit_, 30 * end - 1);  // largest number to sieve here
  Scratch& sc = scratch();
  static const CountBits count_bits = pick_count_bits();

  // Sieving primes: the base primes above the pre-sieved ones with p² ≤ top.
  sc.primes.clear();
  for (std::uint32_t p32 : base_primes_) {
    const std::uint64_t p = p32;
    if (p <= kLargestPresieved) continue;
    if (p * p > top) break;
    // First multiple p·m ≥ max(p², 30·first) with m coprime to 30.
    std::uint64_t m = std::max<std::uint64_t>(p, (30 * first + p - 1) / p);
    std::uint64_t j = m / 30;
    std::uint8_t k = kNextPosition[m % 30];
    if (k == 8) {
      ++j;
      k = 0;
    }
    sc.primes.push_back(Sieving{static_cast<std::uint32_t>(p / 30),
                                static_cast<std::uint8_t>(wheel_index(p % 30)), k,
                                static_cast<std::int64_t>(p * j - first)});
  }

  const std::size_t small = static_cast<std::size_t>(
      std::partition_point(sc.primes.begin(), sc.primes.end(),
                           [](const Sieving& s) { return 30 * s.q + kWheel[s.r] < kSmallPrime; }) -
      sc.primes.begin());
  Sieving* primes = sc.primes.data();
  const std::size_t n_primes = sc.primes.size();

  std::uint64_t count = 0;
  std::uint8_t* seg = sc.seg.data();
  for (std::uint64_t lo = first; lo < end; lo += segment_bytes) {
    const std::size_t len = static_cast<std::size_t>(std::min(segment_bytes, end - lo));
    // Every prime moves on by a full block or segment, so the last one may be short (the
    // buffer always has the full size).
    for (std::size_t b = 0; b < len; b += kBlockBytes) {
      presieve(seg + b, lo + b,
               static_cast<std::size_t>(std::min<std::uint64_t>(kBlockBytes, len - b)));
      for (std::size_t i = 0; i < small; ++i)
        cross_off_any(seg + b, static_cast<std::int64_t>(kBlockBytes), primes[i]);
    }
    for (std::size_t i = small; i < n_primes; ++i)
      cross_off_any(seg, static_cast<std::int64_t>(segment_bytes), primes[i]);
    if (lo == 0) {
      seg[0] &= 0xfe;  // 1 is not prime
      for (std::uint32_t q = 7; q <= kLargestPresieved;
           ++q) {  // the patterns struck out these primes
        bool prime = true;
        for (std::uint32_t d = 2; d * d <= q; ++d) prime = prime && q % d != 0;
        if (prime && q <= limit_)
          seg[q / 30] |= static_cast<std::uint8_t>(1u << wheel_index(q % 30));
      }
    }
    if (lo + len == last_byte + 1) {  // drop the numbers above limit in the last byte
      std::uint8_t keep = 0;
      for (int k = 0; k < 8; ++k)
        if (30 * last_byte + kWheel[k] <= limit_) keep |= static_cast<std::uint8_t>(1u << k);
      seg[len - 1] &= keep;
    }
    count += count_bits(seg, len);
  }
  // Near 2^53 there are millions of sieving primes: a pool thread should not keep ~90 MB.
  if (sc.primes.capacity() > kKeepSievingPrimes) std::vector<Sieving>().swap(sc.primes);
  return count;
}

std::uint64_t CountPrimes::result() const {
  if (limit_ < 2) return 0;
  const std::uint64_t small = limit_ >= 5 ? 3 : limit_ >= 3 ? 2 : 1;  // 2, 3, 5
  return small + wheel_primes_.load(std::memory_order_relaxed);
}

std::uint64_t count_primes(std::uint64_t limit, unsigned threads) {
  CountPrimes k(limit);
  k.run(threads);
  return k.result();
}

}  // namespace multicore::kernels
