mod common;
use common::*;
use multicore_kernels::{sort, Control};

/// Float64Array.prototype.sort order: numbers ascending, -0 before +0, NaN last (canonical).
fn reference(x: &[f64]) -> Vec<u64> {
    let mut v: Vec<f64> = x.to_vec();
    v.sort_by(|a, b| match (a.is_nan(), b.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        _ => a.partial_cmp(b).unwrap().then_with(|| b.is_sign_positive().cmp(&a.is_sign_positive()).reverse()),
    });
    v.iter().map(|x| if x.is_nan() { sort::CANONICAL_NAN } else { x.to_bits() }).collect()
}

fn with_specials(n: usize, seed: u64) -> Vec<f64> {
    let mut x = values(n, seed);
    let specials = [
        f64::NAN,
        -0.0,
        0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::from_bits(0xfff8_0000_0000_0001),
        5e-324,
        -5e-324,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE * 0.75,
        -f64::MIN_POSITIVE * 0.5,
    ];
    for (i, v) in x.iter_mut().enumerate() {
        if i % 97 == 0 {
            *v = specials[(i / 97) % specials.len()];
        } else if i % 13 == 0 {
            *v = (*v * 8.0).round(); // duplicates
        } else if i % 11 == 0 {
            *v *= 1e-310; // subnormals
        }
    }
    x
}

fn check(x: &[f64], label: &str) {
    let want = reference(x);
    for t in THREADS {
        let mut y = x.to_vec();
        sort::sort(&mut y, t, &Control::none()).unwrap();
        let got: Vec<u64> = y.iter().map(|v| v.to_bits()).collect();
        assert!(got == want, "{label} n={} t={t}", x.len());
    }
}

#[test]
fn matches_reference_order_around_chunk_sizes() {
    let c = sort::CHUNK;
    for n in [0usize, 1, 2, 100, c - 1, c, c + 1, 2 * c, 3 * c + 77, 300_007] {
        check(&with_specials(n, n as u64 + 3), "specials");
    }
}

/// The scratch of one sort is kept for the next (sort_scratch.rs): a larger kept buffer, full of an
/// earlier sort's keys, must serve a smaller sort without those keys showing up in its result.
#[test]
fn kept_scratch_serves_later_sorts() {
    let c = sort::CHUNK;
    for n in [5 * c + 3, 2 * c + 1, 4 * c, c + 9, 6 * c] {
        check(&with_specials(n, n as u64 * 3), "kept scratch");
    }
}

#[test]
fn skipped_passes_and_special_distributions() {
    let n = 2 * sort::CHUNK + 5;
    let up: Vec<f64> = (0..n).map(|i| i as f64 - 1000.0).collect();
    let down: Vec<f64> = up.iter().map(|v| -v).collect();
    check(&up, "ascending");
    check(&down, "descending");
    check(&vec![3.25; n], "constant (every pass skipped)");
    check(&(0..n).map(|i| if i % 2 == 0 { -0.0 } else { 0.0 }).collect::<Vec<_>>(), "zeros");
    check(&(0..n).map(|i| (i % 5) as f64).collect::<Vec<_>>(), "few values (most passes skipped)");
    check(&(0..n).map(|i| if i % 3 == 0 { f64::NAN } else { -(i as f64) }).collect::<Vec<_>>(), "NaNs");
    check(&(0..n).map(|i| f64::from_bits(i as u64 * 7919 % (1 << 40))).collect::<Vec<_>>(), "subnormals");
}

#[test]
fn negative_zero_before_positive_zero() {
    let mut x = vec![0.0, -0.0, 0.0, -0.0, f64::NAN, -1.0];
    sort::sort(&mut x, 2, &Control::none()).unwrap();
    let bits: Vec<u64> = x.iter().map(|v| v.to_bits()).collect();
    assert_eq!(bits, vec![(-1.0f64).to_bits(), (-0.0f64).to_bits(), (-0.0f64).to_bits(), 0, 0, sort::CANONICAL_NAN]);
}

#[test]
fn progress_total_is_exact() {
    for n in [100, 300_000] {
        let mut x = values(n, 1);
        let b = block();
        let ctl = Control::new(Some(&b), None);
        sort::sort(&mut x, 3, &ctl).unwrap();
        let total = b[2].load(std::sync::atomic::Ordering::SeqCst);
        assert_eq!(total as usize, sort::chunk_count(n));
        assert_eq!(b[1].load(std::sync::atomic::Ordering::SeqCst), total);
    }
    assert_eq!(sort::chunk_count(3 * sort::CHUNK), 15 * 3 + 7);
}

#[test]
fn cancel_at_every_phase_leaves_a_permutation() {
    // Cancel after a given number of finished chunks: x must hold its own values, never keys.
    let n = 3 * sort::CHUNK + 9;
    let x = with_specials(n, 5);
    let mut want = reference(&x);
    want.sort_unstable();
    let total = sort::chunk_count(n);
    for stop_after in [0, 2, 4, 5, 9, 20, total - 3, total - 1] {
        let b = block();
        let mut y = x.clone();
        let ctl = Control::new(Some(&b), None);
        // One thread runs the chunks in order; the cancel lands at or shortly after `stop_after`.
        let r = std::thread::scope(|s| {
            let h = s.spawn(|| sort::sort(&mut y, 1, &ctl));
            while !h.is_finished() {
                if b[1].load(std::sync::atomic::Ordering::SeqCst) >= stop_after as i32 {
                    b[0].store(1, std::sync::atomic::Ordering::SeqCst);
                }
                std::hint::spin_loop();
            }
            h.join().unwrap()
        });
        let mut got: Vec<u64> = y.iter().map(|v| if v.is_nan() { sort::CANONICAL_NAN } else { v.to_bits() }).collect();
        got.sort_unstable();
        assert!(got == want, "stop_after={stop_after} result={r:?}");
    }
}
