mod common;
use common::*;
use multicore_kernels::{square, sum_squares, Control};
use std::sync::atomic::Ordering;

fn reference_sum(x: &[f64]) -> f64 {
    let mut result = 0.0;
    for c in x.chunks(65536) {
        let mut acc = [0.0f64; 8];
        let full = c.len() / 8 * 8;
        for i in (0..full).step_by(8) {
            for j in 0..8 {
                acc[j] += c[i + j] * c[i + j];
            }
        }
        for t in 0..c.len() - full {
            acc[t] += c[full + t] * c[full + t];
        }
        result += ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    }
    result
}

#[test]
fn sum_squares_matches_spec_reference_at_every_thread_count() {
    for n in [0usize, 1, 7, 8, 9, 65535, 65536, 65537, 300_001] {
        let x = values(n, n as u64);
        let want = reference_sum(&x);
        for t in THREADS {
            let got = sum_squares::sum_squares(&x, t, &Control::none()).unwrap();
            assert_eq!(got.to_bits(), want.to_bits(), "n={n} threads={t}");
        }
    }
    assert_eq!(sum_squares::sum_squares(&[], 3, &Control::none()).unwrap().to_bits(), 0.0f64.to_bits());
}

#[test]
fn sum_squares_progress_reaches_total() {
    let x = values(1_000_000, 1);
    let b = block();
    let ctl = Control::new(Some(&b), None);
    sum_squares::sum_squares(&x, 3, &ctl).unwrap();
    assert_eq!(b[2].load(Ordering::SeqCst), 16);
    assert_eq!(b[1].load(Ordering::SeqCst), 16);
}

#[test]
fn square_out_and_in_place() {
    let x = values(200_003, 5);
    for t in THREADS {
        let mut out = vec![0.0; x.len()];
        square::square(&x, &mut out, t, &Control::none()).unwrap();
        let mut y = x.clone();
        square::square_in_place(&mut y, t, &Control::none()).unwrap();
        for i in 0..x.len() {
            assert_eq!(out[i].to_bits(), (x[i] * x[i]).to_bits());
            assert_eq!(y[i].to_bits(), out[i].to_bits());
        }
    }
}
