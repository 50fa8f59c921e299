mod common;
use common::*;
use multicore_kernels::{count_primes as cp, Control};

#[test]
fn known_values() {
    for (limit, want) in [(0u64, 0u64), (1, 0), (2, 1), (3, 2), (4, 2), (10, 4), (100, 25), (1_000_000, 78498), (10_000_000, 664579)] {
        for t in THREADS {
            assert_eq!(cp::count_primes(limit, t, &Control::none()).unwrap(), want, "limit={limit} t={t}");
        }
    }
}

#[test]
fn segment_boundaries_match_trial_division() {
    // Limits around the first segment boundary (2^18 odd numbers = numbers up to 2^19).
    let naive = |n: u64| (2..=n).filter(|&v| (2..).take_while(|d| d * d <= v).all(|d| v % d != 0)).count() as u64;
    let base = naive(524_200);
    let mut running = base;
    for limit in 524_201u64..524_400 {
        if (2..).take_while(|d: &u64| d * d <= limit).all(|d| limit % d != 0) {
            running += 1;
        }
        assert_eq!(cp::count_primes(limit, 2, &Control::none()).unwrap(), running, "limit={limit}");
    }
}

#[test]
fn isqrt_exact() {
    for n in [0u64, 1, 2, 3, 4, 15, 16, 17, (1 << 53) - 1, u64::MAX] {
        let r = cp::isqrt(n);
        assert!(r * r <= n && (r + 1).checked_mul(r + 1).is_none_or(|s| s > n), "n={n}");
    }
}
