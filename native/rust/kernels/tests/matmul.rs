mod common;
use common::*;
use multicore_kernels::matmul::{self, Dims};
use multicore_kernels::Control;

#[test]
fn matches_naive_bit_for_bit() {
    for (m, k, n) in [(0, 3, 4), (3, 0, 4), (3, 4, 0), (1, 1, 1), (5, 7, 3), (17, 9, 13), (33, 300, 70), (64, 129, 260)] {
        let d = Dims { m, k, n };
        let a = values(m * k, 1 + m as u64);
        let b = values(k * n, 2 + n as u64);
        let want = matmul::naive(&a, &b, d);
        for t in THREADS {
            let mut out = vec![f64::NAN; m * n];
            matmul::matmul(&a, &b, &mut out, d, t, &Control::none()).unwrap();
            let same = out.iter().zip(&want).all(|(x, y)| x.to_bits() == y.to_bits());
            assert!(same, "m={m} k={k} n={n} t={t}");
        }
    }
}
