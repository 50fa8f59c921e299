//! countPrimes(limit) = π(limit), exact. Segmented sieve of Eratosthenes on a mod-30 wheel:
//! byte `b`, bit `k` stands for the number `30b + WHEEL[k]`, so 2, 3 and 5 are counted apart.
//!
//! Chunk `c` is the numbers `[c * 30 * B, (c + 1) * 30 * B)` for `B = chunk_bytes(limit)` wheel
//! bytes: 2^e for the smallest e in 16..19 with B² ≥ 16·limit (else 2^19). A chunk starts with one
//! division per sieving prime (≤ √limit), so chunks grow with √limit.
//! Base primes (odd primes ≤ ⌊√limit⌋) are sieved once by the caller before the chunks run.
//! Inside a chunk (the same design as the C++ kernel): each segment of `SEGMENT_BYTES` (L2)
//! starts from a pre-sieved pattern (multiples of 7..53); primes below `SMALL_PRIME` cross off
//! block by block (`BLOCK_BYTES`, L1), the others once per segment; each prime's next multiple
//! is carried from segment to segment, so only the chunk's start costs a division per prime.

use crate::{control::Control, scheduler::for_each_chunk, RunError};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// The largest chunk, in wheel bytes.
pub const MAX_CHUNK_BYTES: u64 = 1 << 19;
/// Inside a chunk (not part of the contract): segments sized for L2, blocks for L1.
pub const SEGMENT_BYTES: usize = 256 * 1024;
pub const BLOCK_BYTES: usize = 32 * 1024;
const SMALL_PRIME: u64 = 8192;
const LARGEST_PRESIEVED: u64 = 53;

const WHEEL: [u32; 8] = [1, 7, 11, 13, 17, 19, 23, 29];

const fn wheel_index(r: u32) -> usize {
    let mut k = 0;
    while k < 8 {
        if WHEEL[k] == r {
            return k;
        }
        k += 1;
    }
    8
}

/// For a prime p = 30q + WHEEL[r], its multiple p·(30j + WHEEL[k]) lies in byte
/// p·j + q·WHEEL[k] + CARRY[r][k], bit BIT[r][k].
const fn tables() -> ([[u8; 8]; 8], [[u8; 8]; 8]) {
    let mut carry = [[0u8; 8]; 8];
    let mut bit = [[0u8; 8]; 8];
    let mut r = 0;
    while r < 8 {
        let mut k = 0;
        while k < 8 {
            let prod = WHEEL[r] * WHEEL[k];
            carry[r][k] = (prod / 30) as u8;
            bit[r][k] = wheel_index(prod % 30) as u8;
            k += 1;
        }
        r += 1;
    }
    (carry, bit)
}
const CARRY: [[u8; 8]; 8] = tables().0;
const BIT: [[u8; 8]; 8] = tables().1;

/// First wheel position at or after multiplier residue m (0..29); 8 means the next cycle.
const NEXT_POSITION: [u8; 30] = {
    let mut t = [0u8; 30];
    let mut m = 0;
    while m < 30 {
        let mut k = 0;
        while k < 8 && (WHEEL[k] as usize) < m {
            k += 1;
        }
        t[m] = k as u8;
        m += 1;
    }
    t
};

/// ⌊√n⌋ exactly.
pub fn isqrt(n: u64) -> u64 {
    let mut r = (n as f64).sqrt() as u64;
    while r > 0 && r.checked_mul(r).is_none_or(|sq| sq > n) {
        r -= 1;
    }
    while (r + 1).checked_mul(r + 1).is_some_and(|sq| sq <= n) {
        r += 1;
    }
    r
}

/// Odd primes ≤ `max` (simple sieve; `max` is at most ⌊√(2^53)⌋ ≈ 9.5e7).
pub fn base_primes(max: u64) -> Vec<u32> {
    if max < 3 {
        return Vec::new();
    }
    let half = (max as usize - 1) / 2 + 1; // indices 0..half stand for 1, 3, ..., ≤ max
    let mut composite = vec![false; half];
    let mut i = 1;
    while (2 * i + 1) * (2 * i + 1) <= max as usize {
        if !composite[i] {
            let p = 2 * i + 1;
            let mut j = (p * p - 1) / 2;
            while j < half {
                composite[j] = true;
                j += p;
            }
        }
        i += 1;
    }
    (1..half).filter(|&i| !composite[i]).map(|i| (2 * i + 1) as u32).collect()
}

/// Wheel bytes per chunk for `limit` (SPEC.md).
pub fn chunk_bytes(limit: u64) -> u64 {
    (16..19).map(|e| 1u64 << e).find(|&b| b * b >= 16 * limit).unwrap_or(MAX_CHUNK_BYTES)
}

/// Number of chunks for `limit`: 0 when limit < 2.
pub fn chunk_count(limit: u64) -> u64 {
    if limit < 2 {
        0
    } else {
        limit / (30 * chunk_bytes(limit)) + 1
    }
}

// ---- pre-sieving ------------------------------------------------------------------------

const PRESIEVE_GROUPS: [&[u32]; 6] = [&[7, 11, 13], &[17, 19, 23], &[29, 31], &[37, 41], &[43, 47], &[53]];

fn patterns() -> &'static [Vec<u8>] {
    static P: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    P.get_or_init(|| {
        PRESIEVE_GROUPS
            .iter()
            .map(|group| {
                let period: u32 = group.iter().product();
                (0..period)
                    .map(|t| {
                        let mut byte = 0xffu8;
                        for (k, &w) in WHEEL.iter().enumerate() {
                            if group.iter().any(|&q| (30 * t as u64 + w as u64).is_multiple_of(q as u64)) {
                                byte &= !(1u8 << k);
                            }
                        }
                        byte
                    })
                    .collect()
            })
            .collect()
    })
}

/// `seg` = AND of the patterns at absolute wheel byte `first`.
fn presieve(seg: &mut [u8], first: u64) {
    for (g, pat) in patterns().iter().enumerate() {
        let mut off = (first % pat.len() as u64) as usize;
        let mut done = 0;
        while done < seg.len() {
            let n = (seg.len() - done).min(pat.len() - off);
            let (dst, src) = (&mut seg[done..done + n], &pat[off..off + n]);
            if g == 0 {
                dst.copy_from_slice(src);
            } else {
                for (d, s) in dst.iter_mut().zip(src) {
                    *d &= *s;
                }
            }
            done += n;
            off = 0;
        }
    }
}

// ---- crossing off -----------------------------------------------------------------------

/// One sieving prime inside a chunk: its next multiple is at wheel position `k` of the cycle
/// starting at byte `cycle` (relative to the current block or segment).
#[derive(Clone, Copy)]
struct Sieving {
    q: u32, // p / 30
    r: u8,  // wheel index of p % 30
    k: u8,
    cycle: i64,
}

/// Crosses off one prime's multiples in `seg[0..len]` and moves its state on by `len` bytes.
/// A cycle (multipliers 30j + 1..29) is 8 bytes at fixed offsets and spans p bytes.
///
/// # Safety
/// `seg` must be valid for `len` bytes. Every position written is in `0..len`: the state's
/// next multiple is never before the block start (see `sieving_primes`) and positions only grow.
#[inline(always)]
unsafe fn cross_off<const R: usize>(seg: *mut u8, len: i64, s: &mut Sieving) {
    let q = s.q as i64;
    let p = 30 * q + WHEEL[R] as i64;
    let o: [i64; 8] = std::array::from_fn(|k| q * WHEEL[k] as i64 + CARRY[R][k] as i64);
    let m: [u8; 8] = std::array::from_fn(|k| !(1u8 << BIT[R][k]));
    let mut c = s.cycle;
    let mut k = s.k as usize;
    let hit = |pos: i64, mask: u8| {
        debug_assert!((0..len).contains(&pos));
        *seg.offset(pos as isize) &= mask;
    };
    if k != 0 {
        while k < 8 {
            if c + o[k] >= len {
                s.cycle = c - len;
                s.k = k as u8;
                return;
            }
            hit(c + o[k], m[k]);
            k += 1;
        }
        c += p;
    }
    while c + o[7] < len {
        hit(c + o[0], m[0]);
        hit(c + o[1], m[1]);
        hit(c + o[2], m[2]);
        hit(c + o[3], m[3]);
        hit(c + o[4], m[4]);
        hit(c + o[5], m[5]);
        hit(c + o[6], m[6]);
        hit(c + o[7], m[7]);
        c += p;
    }
    k = 0;
    while k < 8 && c + o[k] < len {
        hit(c + o[k], m[k]);
        k += 1;
    }
    s.cycle = c - len;
    s.k = k as u8;
}

/// Crosses off every prime of `primes` in `buf[0..len]`.
fn cross_off_all(buf: &mut [u8], len: usize, primes: &mut [Sieving]) {
    assert!(len <= buf.len());
    let (seg, len) = (buf.as_mut_ptr(), len as i64);
    for s in primes {
        // SAFETY: `seg` is valid for `len` bytes (asserted above); see `cross_off`.
        unsafe {
            match s.r {
                0 => cross_off::<0>(seg, len, s),
                1 => cross_off::<1>(seg, len, s),
                2 => cross_off::<2>(seg, len, s),
                3 => cross_off::<3>(seg, len, s),
                4 => cross_off::<4>(seg, len, s),
                5 => cross_off::<5>(seg, len, s),
                6 => cross_off::<6>(seg, len, s),
                _ => cross_off::<7>(seg, len, s),
            }
        }
    }
}

// ---- counting ---------------------------------------------------------------------------

#[inline(always)]
fn count_bits_generic(b: &[u8]) -> u64 {
    let mut acc = [0u64; 4];
    let mut blocks = b.chunks_exact(32);
    for blk in &mut blocks {
        for (j, a) in acc.iter_mut().enumerate() {
            *a += u64::from_le_bytes(blk[8 * j..8 * j + 8].try_into().unwrap()).count_ones() as u64;
        }
    }
    let tail: u64 = blocks.remainder().iter().map(|&v| v.count_ones() as u64).sum();
    acc.iter().sum::<u64>() + tail
}

fn count_bits(b: &[u8]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        #[target_feature(enable = "popcnt")]
        unsafe fn popcnt(b: &[u8]) -> u64 {
            count_bits_generic(b)
        }
        use crate::simd::{simd_level, SimdLevel};
        // Every AVX2-level CPU (x86-64-v3) has POPCNT.
        if matches!(simd_level(), SimdLevel::Avx2 | SimdLevel::Avx512) {
            // SAFETY: the CPU supports POPCNT.
            return unsafe { popcnt(b) };
        }
    }
    count_bits_generic(b)
}

// ---- one chunk --------------------------------------------------------------------------

/// Sieving-prime state a thread keeps between chunks (4 MiB; π(√limit) up to limit ≈ 1.4e13).
const KEEP_SIEVING_PRIMES: usize = 1 << 18;

struct Scratch {
    seg: Vec<u8>,
    primes: Vec<Sieving>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch { seg: Vec::new(), primes: Vec::new() }) };
}

/// The base primes above the pre-sieved ones with p² ≤ `top`, each at its first multiple
/// p·m ≥ max(p², 30·first) with m coprime to 30.
fn sieving_primes(primes: &[u32], first: u64, top: u64, out: &mut Vec<Sieving>) {
    out.clear();
    for &p in primes {
        let p = p as u64;
        if p <= LARGEST_PRESIEVED {
            continue;
        }
        if p * p > top {
            break;
        }
        let m = p.max((30 * first).div_ceil(p));
        let (mut j, mut k) = (m / 30, NEXT_POSITION[(m % 30) as usize]);
        if k == 8 {
            j += 1;
            k = 0;
        }
        out.push(Sieving {
            q: (p / 30) as u32,
            r: wheel_index((p % 30) as u32) as u8,
            k,
            cycle: (p * j) as i64 - first as i64,
        });
    }
}

fn is_small_prime(n: u64) -> bool {
    n >= 2 && (2..).take_while(|d| d * d <= n).all(|d| !n.is_multiple_of(d))
}

/// Primes > 5 among the numbers of chunk `c` that are ≤ `limit`.
pub fn chunk_primes(limit: u64, primes: &[u32], c: u64) -> u64 {
    let last_byte = limit / 30; // the byte holding `limit`
    let chunk = chunk_bytes(limit);
    let first = c * chunk;
    let end = (first + chunk).min(last_byte + 1); // bytes first..end
    let segment = SEGMENT_BYTES.min(chunk as usize);
    if first >= end {
        return 0;
    }
    let top = limit.min(30 * end - 1);
    SCRATCH.with(|cell| {
        let sc = &mut *cell.borrow_mut();
        sc.seg.resize(SEGMENT_BYTES, 0);
        sieving_primes(primes, first, top, &mut sc.primes);
        let small = sc.primes.partition_point(|s| 30 * s.q as u64 + (WHEEL[s.r as usize] as u64) < SMALL_PRIME);
        let (small_primes, other_primes) = sc.primes.split_at_mut(small);
        let seg = &mut sc.seg[..];
        let mut count = 0;
        let mut lo = first;
        while lo < end {
            let len = (end - lo).min(segment as u64) as usize;
            // Every prime moves on by a full block or segment, so the last one may be short
            // (the buffer always has the full size).
            let mut b = 0;
            while b < len {
                let block = &mut seg[b..b + BLOCK_BYTES];
                presieve(&mut block[..BLOCK_BYTES.min(len - b)], lo + b as u64);
                cross_off_all(block, BLOCK_BYTES, small_primes);
                b += BLOCK_BYTES;
            }
            cross_off_all(seg, segment, other_primes);
            if lo == 0 {
                seg[0] &= 0xfe; // 1 is not prime
                for q in (7..=LARGEST_PRESIEVED).filter(|&q| q <= limit && is_small_prime(q)) {
                    seg[(q / 30) as usize] |= 1 << wheel_index((q % 30) as u32);
                    // the patterns struck out q
                }
            }
            if lo + len as u64 == last_byte + 1 {
                // drop the numbers above limit in the last byte
                let keep = (0..8).filter(|&k| 30 * last_byte + WHEEL[k] as u64 <= limit).fold(0u8, |a, k| a | (1 << k));
                seg[len - 1] &= keep;
            }
            count += count_bits(&seg[..len]);
            lo += segment as u64;
        }
        // Near 2^53 there are millions of sieving primes: a pool thread should not keep ~90 MB.
        if sc.primes.capacity() > KEEP_SIEVING_PRIMES {
            sc.primes = Vec::new();
        }
        count
    })
}

/// π(limit) on up to `threads` threads.
pub fn count_primes(limit: u64, threads: usize, ctl: &Control<'_>) -> Result<u64, RunError> {
    let n = chunk_count(limit);
    ctl.set_total(n);
    if limit < 2 {
        return crate::scheduler::check(ctl).map(|_| 0);
    }
    let primes = base_primes(isqrt(limit));
    crate::scheduler::check(ctl)?;
    let total = AtomicU64::new(0);
    for_each_chunk(threads, n as usize, ctl, |c| {
        total.fetch_add(chunk_primes(limit, &primes, c as u64), Ordering::Relaxed);
    })?;
    let small = if limit >= 5 {
        3
    } else if limit >= 3 {
        2
    } else {
        1
    }; // 2, 3, 5
    Ok(total.load(Ordering::Relaxed) + small)
}
