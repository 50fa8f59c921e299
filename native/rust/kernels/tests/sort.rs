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
    let specials = [f64::NAN, -0.0, 0.0, f64::INFINITY, f64::NEG_INFINITY, f64::from_bits(0xfff8_0000_0000_0001), 5e-324, -5e-324, f64::MAX, f64::MIN];
    for (i, v) in x.iter_mut().enumerate() {
        if i % 97 == 0 {
            *v = specials[(i / 97) % specials.len()];
        } else if i % 13 == 0 {
            *v = (*v * 8.0).round(); // duplicates
        }
    }
    x
}

#[test]
fn matches_reference_order() {
    for n in [0usize, 1, 2, 100, 32768, 32769, 100_000, 300_007] {
        let x = with_specials(n, n as u64 + 3);
        let want = reference(&x);
        for t in THREADS {
            let mut y = x.clone();
            sort::sort(&mut y, t, &Control::none()).unwrap();
            let got: Vec<u64> = y.iter().map(|v| v.to_bits()).collect();
            assert!(got == want, "n={n} t={t}");
        }
    }
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
    let mut x = values(300_000, 1);
    let b = block();
    let ctl = Control::new(Some(&b), None);
    sort::sort(&mut x, 3, &ctl).unwrap();
    let total = b[2].load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(total as usize, sort::chunk_count(300_000));
    assert_eq!(b[1].load(std::sync::atomic::Ordering::SeqCst), total);
}
