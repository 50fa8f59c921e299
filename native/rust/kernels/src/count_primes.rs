//! countPrimes(limit) = π(limit), exact. Segmented sieve of Eratosthenes over odd numbers.
//!
//! Index `i` stands for the odd number `2i + 1`. Chunk `s` is the segment of indices
//! `[s * SEGMENT, (s + 1) * SEGMENT)` (2^18 odd numbers: a 256 KiB byte array, cache-sized).
//! Base primes (odd primes ≤ ⌊√limit⌋) are sieved once by the caller before the chunks run.

use crate::{control::Control, scheduler::for_each_chunk, RunError};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

pub const SEGMENT: u64 = 1 << 18;

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

/// Number of odd-number indices to sieve: odd numbers 1, 3, ..., ≤ limit.
fn index_count(limit: u64) -> u64 {
    if limit < 1 { 0 } else { (limit - 1) / 2 + 1 }
}

/// Number of chunks (segments) for `limit`.
pub fn chunk_count(limit: u64) -> u64 {
    if limit < 2 { 0 } else { index_count(limit).div_ceil(SEGMENT) }
}

thread_local! {
    static SEGMENT_BUF: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Primes among the odd numbers of segment `s` (the number 1 is excluded, 2 is not counted here).
pub fn segment_count(limit: u64, primes: &[u32], s: u64) -> u64 {
    let lo = s * SEGMENT;
    let hi = (lo + SEGMENT).min(index_count(limit));
    if lo >= hi {
        return 0;
    }
    let len = (hi - lo) as usize;
    SEGMENT_BUF.with(|cell| {
        let mut buf = cell.borrow_mut();
        buf.clear();
        buf.resize(len, 1);
        for &p in primes {
            let p = p as u64;
            let first_sq = (p * p - 1) / 2; // index of p²
            if first_sq >= hi {
                break;
            }
            let start = if first_sq >= lo {
                first_sq - lo
            } else {
                // smallest t ≥ 0 with (2(lo + t) + 1) ≡ 0 (mod p): t ≡ -(2lo+1) · 2⁻¹ (mod p)
                let r = (2 * lo + 1) % p;
                if r == 0 { 0 } else { ((p - r) * p.div_ceil(2)) % p }
            };
            if (start as usize) < len {
                // step_by over the slice: no per-store bounds check.
                for b in buf[start as usize..].iter_mut().step_by(p as usize) {
                    *b = 0;
                }
            }
        }
        if lo == 0 {
            buf[0] = 0; // the number 1
        }
        count_ones(&buf)
    })
}

#[inline(always)]
fn count_ones_generic(b: &[u8]) -> u64 {
    // Bytes are 0 or 1; sum in u32 lanes, several independent accumulators.
    let mut acc = [0u32; 8];
    let mut blocks = b.chunks_exact(8);
    for blk in &mut blocks {
        for j in 0..8 {
            acc[j] += blk[j] as u32;
        }
    }
    let tail: u32 = blocks.remainder().iter().map(|&v| v as u32).sum();
    acc.iter().map(|&v| v as u64).sum::<u64>() + tail as u64
}

multiversion!(fn count_ones(b: &[u8]) -> u64 => count_ones_generic);

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
    for_each_chunk(threads, n as usize, ctl, |s| {
        total.fetch_add(segment_count(limit, &primes, s as u64), Ordering::Relaxed);
    })?;
    Ok(total.load(Ordering::Relaxed) + 1) // + the prime 2
}
