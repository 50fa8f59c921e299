mod common;
use common::*;
use multicore_kernels::matmul::{self, Dims};
use multicore_kernels::simd::{simd_level_supported, SimdLevel};
use multicore_kernels::Control;

/// Every level this CPU can run (forced, whatever MULTICORE_SIMD says).
fn levels_here() -> Vec<SimdLevel> {
    match simd_level_supported() {
        SimdLevel::Neon => vec![SimdLevel::Baseline, SimdLevel::Neon],
        SimdLevel::Avx512 => vec![SimdLevel::Baseline, SimdLevel::Avx2, SimdLevel::Avx512],
        SimdLevel::Avx2 => vec![SimdLevel::Baseline, SimdLevel::Avx2],
        SimdLevel::Baseline => vec![SimdLevel::Baseline],
    }
}

/// Values of very different magnitudes, so any change in summation order changes the bits.
fn spread(n: usize, seed: u64) -> Vec<f64> {
    values(n, seed).into_iter().enumerate().map(|(i, v)| v * f64::powi(2.0, (i % 41) as i32 - 20)).collect()
}

/// Bitwise, except that any NaN matches any NaN (SPEC: payloads unspecified).
fn same(got: &[f64], want: &[f64]) -> bool {
    got.len() == want.len()
        && got.iter().zip(want).all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
}

fn check(a: &[f64], b: &[f64], d: Dims, threads: &[usize]) {
    let want = matmul::naive(a, b, d);
    for level in levels_here() {
        for &t in threads {
            let mut out = vec![99.0; d.m * d.n];
            matmul::matmul_at(a, b, &mut out, d, t, &Control::none(), level).unwrap();
            assert!(same(&out, &want), "m={} k={} n={} level={:?} threads={t}", d.m, d.k, d.n, level);
        }
    }
}

fn check_random(m: usize, k: usize, n: usize, threads: &[usize]) {
    let d = Dims { m, k, n };
    check(&spread(m * k, 1 + (m * 131 + k) as u64), &spread(k * n, 2 + (n * 7 + k) as u64), d, threads);
}

#[test]
fn every_shape_up_to_70_at_every_level() {
    // Each dimension runs 1..70 with the other two at awkward sizes: row tails (MR = 3, 4), column
    // tails (NR = 4, 16, 32), one and several 16-row chunks, packed and unpacked b.
    for x in 1..=70 {
        check_random(x, 7, 37, &[1]);
        check_random(33, x, 19, &[1]);
        check_random(21, 5, x, &[1]);
    }
}

#[test]
fn around_block_sizes_and_thread_counts() {
    for (m, k, n) in [
        (0, 3, 4),
        (3, 0, 4),
        (40, 0, 20),
        (3, 4, 0),
        (17, 255, 33),
        (17, 256, 33),
        (40, 257, 16),
        (16, 600, 24),
        (33, 513, 65),
        (18, 70, 511),
        (20, 3, 513),
        (70, 300, 70),
        (1, 300, 1030),
        (100, 1, 100),
    ] {
        check_random(m, k, n, &THREADS);
    }
}

#[test]
fn special_values_keep_their_order() {
    // inf - inf = NaN and -0 + -0 = -0 but +0 + -0 = +0: any reordering shows up.
    let d = Dims { m: 35, k: 300, n: 40 };
    let mut a = spread(d.m * d.k, 7);
    let mut b = spread(d.k * d.n, 8);
    let specials = [f64::INFINITY, f64::NEG_INFINITY, -0.0, 0.0, 5e-324, -5e-324, 1e308, -1e308];
    for i in (0..a.len()).step_by(37) {
        a[i] = specials[i % 8];
    }
    for i in (0..b.len()).step_by(41) {
        b[i] = specials[(i / 3) % 8];
    }
    for j in 0..d.n {
        a[j] = -0.0;
        b[j] = -0.0;
    }
    check(&a, &b, d, &[1, 3]);
}

#[test]
fn chunk_count_depends_on_the_sizes_only() {
    assert_eq!(matmul::chunk_count(Dims { m: 40, k: 8, n: 5 }), 3); // n < 16: b read in place
    assert_eq!(matmul::chunk_count(Dims { m: 16, k: 300, n: 600 }), 1);
    assert_eq!(matmul::chunk_count(Dims { m: 17, k: 300, n: 600 }), 2 * 2 + 2);
    assert_eq!(matmul::chunk_count(Dims { m: 3, k: 0, n: 4 }), 1);
    assert_eq!(matmul::chunk_count(Dims { m: 0, k: 5, n: 4 }), 0);
    let d = Dims { m: 17, k: 300, n: 600 };
    for level in levels_here() {
        let blk = block();
        let mut out = vec![0.0; d.m * d.n];
        matmul::matmul_at(
            &vec![1.0; d.m * d.k],
            &vec![1.0; d.k * d.n],
            &mut out,
            d,
            2,
            &Control::new(Some(&blk), None),
            level,
        )
        .unwrap();
        let total = blk[2].load(std::sync::atomic::Ordering::SeqCst);
        assert_eq!(total as usize, matmul::chunk_count(d));
        assert_eq!(blk[1].load(std::sync::atomic::Ordering::SeqCst), total);
        assert!(out.iter().all(|&v| v == 300.0));
    }
}
