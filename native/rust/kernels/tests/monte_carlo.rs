mod common;
use common::*;
use multicore_kernels::{monte_carlo_pi as mc, Control};

#[test]
fn matches_reference_formulation() {
    for (samples, seed) in [(1u64, 0u32), (1000, 7), (3_000_017, 42)] {
        let want = (0..samples).filter(|&s| mc::sample_inside(seed, s)).count() as u64;
        for t in THREADS {
            assert_eq!(mc::monte_carlo_pi(samples, seed, t, &Control::none()).unwrap(), want);
        }
    }
}

#[test]
fn chunk_across_hi_word_uses_hi() {
    // A chunk starting at 2^32 must use hi = 1.
    let c = (1u64 << 32) / mc::CHUNK;
    let samples = (1u64 << 32) + 1000;
    let want = ((1u64 << 32)..samples).filter(|&s| mc::sample_inside(9, s)).count() as u64;
    assert_eq!(mc::chunk_inside(samples, 9, c), want);
}

#[test]
fn estimate_is_close_to_pi() {
    let n = 4_000_000u64;
    let inside = mc::monte_carlo_pi(n, 0, 3, &Control::none()).unwrap();
    let pi = 4.0 * inside as f64 / n as f64;
    assert!((pi - std::f64::consts::PI).abs() < 0.01, "pi={pi}");
}
