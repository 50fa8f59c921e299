mod common;
use common::*;
use multicore_kernels::{count_primes as cp, Control};

fn pi(limit: u64, threads: usize) -> u64 {
    cp::count_primes(limit, threads, &Control::none()).unwrap()
}

/// π at each of `limits` (any order) by one plain sieve up to the largest.
fn reference_pi(limits: &[u64]) -> Vec<u64> {
    let max = limits.iter().copied().max().unwrap_or(0) as usize;
    let mut composite = vec![false; max + 1];
    let mut i = 2;
    while i * i <= max {
        if !composite[i] {
            (i * i..=max).step_by(i).for_each(|j| composite[j] = true);
        }
        i += 1;
    }
    let mut order: Vec<usize> = (0..limits.len()).collect();
    order.sort_by_key(|&i| limits[i]);
    let (mut out, mut n, mut count) = (vec![0u64; limits.len()], 1usize, 0u64); // count = π(n)
    for i in order {
        while n < limits[i] as usize {
            n += 1;
            count += !composite[n] as u64;
        }
        out[i] = if limits[i] < 2 { 0 } else { count };
    }
    out
}

#[test]
fn known_values() {
    let known = [
        (0u64, 0u64),
        (1, 0),
        (2, 1),
        (3, 2),
        (4, 2),
        (5, 3),
        (10, 4),
        (100, 25),
        (1_000_000, 78498),
        (10_000_000, 664579),
    ];
    for (limit, want) in known {
        for t in THREADS {
            assert_eq!(pi(limit, t), want, "limit={limit} t={t}");
        }
    }
    assert_eq!(pi(100_000_000, 2), 5_761_455);
}

#[test]
fn every_small_limit() {
    let limits: Vec<u64> = (0..=10_000).collect();
    for (limit, want) in limits.iter().zip(reference_pi(&limits)) {
        assert_eq!(pi(*limit, 1), want, "limit={limit}");
    }
}

#[test]
fn boundaries() {
    // The last wheel byte, L1 blocks and chunks (3 threads: chunks out of order), and the squares
    // of (pre-)sieving primes. Segments inside a chunk only exist above ~4.3e9: π(5·10^9) covers them.
    let mut limits = Vec::new();
    for span in [30, 30 * cp::BLOCK_BYTES as u64, 30 * cp::chunk_bytes(1)] {
        for s in 1..=3u64 {
            limits.extend((0..=62u64).filter(|d| s * span + d >= 31).map(|d| s * span + d - 31));
        }
    }
    for p in [7u64, 49, 53, 59, 61, 8191, 8209, 8219] {
        limits.extend([p * p - 1, p * p, p * p + 1]);
    }
    for (limit, want) in limits.iter().zip(reference_pi(&limits)) {
        assert_eq!(pi(*limit, 3), want, "limit={limit}");
    }
}

#[test]
fn random_limits_against_plain_sieve() {
    let mut x = 0x9e3779b97f4a7c15u64; // xorshift64
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let limits: Vec<u64> = (0..80).map(|i| next() % if i < 40 { 60_000_000 } else { 100_000 }).collect();
    for (i, (limit, want)) in limits.iter().zip(reference_pi(&limits)).enumerate() {
        assert_eq!(pi(*limit, 1 + i % 4), want, "limit={limit}");
    }
}

#[test]
fn same_for_every_thread_count() {
    let limit = 5 * 30 * cp::chunk_bytes(1) + 12345; // several chunks, the last one short
    let want = reference_pi(&[limit])[0];
    for t in THREADS {
        assert_eq!(pi(limit, t), want, "t={t}");
    }
}

#[test]
fn chunks_depend_on_limit_only() {
    assert_eq!(cp::chunk_count(0), 0);
    assert_eq!(cp::chunk_count(1), 0);
    assert_eq!(cp::chunk_count(2), 1);
    assert_eq!(cp::chunk_count(30 * 65536 - 1), 1);
    assert_eq!(cp::chunk_count(30 * 65536), 2);
    assert_eq!(cp::chunk_bytes(0), 65536);
    assert_eq!(cp::chunk_bytes(1 << 28), 65536); // (2^16)² = 16 · 2^28
    assert_eq!(cp::chunk_bytes((1 << 28) + 1), 131072);
    assert_eq!(cp::chunk_bytes(1_000_000_000), 131072);
    assert_eq!(cp::chunk_bytes(4_000_000_000), 262144);
    assert_eq!(cp::chunk_bytes(10_000_000_000), 524288);
    assert_eq!(cp::chunk_bytes((1 << 53) - 1), 524288);
    assert_eq!(cp::chunk_count(1_000_000_000), 255);
}

#[test]
fn large_known_values() {
    if cfg!(debug_assertions) {
        return; // minutes unoptimised; the smaller limits cover the same code
    }
    assert_eq!(pi(1_000_000_000, 4), 50_847_534);
    assert_eq!(pi(5_000_000_000, 3), 234_954_223); // two L2 segments per chunk, the last one short
    assert_eq!(pi(10_000_000_000, 2), 455_052_511);
}

/// Primes in [lo, hi] by a plain segmented sieve with every prime up to √hi (no wheel, no state).
fn plain_range_count(lo: u64, hi: u64) -> u64 {
    let root = cp::isqrt(hi) as usize;
    let (mut small, mut composite) = (vec![false; root + 1], vec![false; (hi - lo + 1) as usize]);
    for p in 2..=root {
        if small[p] {
            continue;
        }
        (p * p..=root).step_by(p).for_each(|m| small[m] = true);
        let p = p as u64;
        let start = (p * p).max(lo.div_ceil(p) * p);
        (start..=hi).step_by(p as usize).for_each(|m| composite[(m - lo) as usize] = true);
    }
    (lo.max(2)..=hi).filter(|&n| !composite[(n - lo) as usize]).count() as u64
}

#[test]
fn far_chunks_against_plain_sieve() {
    // Far out, most sieving primes (up to 10^7) have no multiple in a segment or even in the whole
    // chunk: the path no small limit reaches. A chunk in the middle of π(10^14) and the last one.
    let limit = 100_000_000_000_000u64;
    let span = 30 * cp::chunk_bytes(limit);
    let n = cp::chunk_count(limit);
    let primes = cp::base_primes(cp::isqrt(limit));
    let got = cp::chunk_primes(limit, &primes, n / 2) + cp::chunk_primes(limit, &primes, n - 1);
    let want = plain_range_count(n / 2 * span, n / 2 * span + span - 1) + plain_range_count((n - 1) * span, limit);
    assert_eq!(got, want);
}

#[test]
fn isqrt_exact() {
    for n in [0u64, 1, 2, 3, 4, 15, 16, 17, (1 << 53) - 1, u64::MAX] {
        let r = cp::isqrt(n);
        assert!(r * r <= n && (r + 1).checked_mul(r + 1).is_none_or(|s| s > n), "n={n}");
    }
}
