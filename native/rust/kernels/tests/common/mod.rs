//! Shared test helpers: a deterministic input generator and a control block.
#![allow(dead_code)]

use std::sync::atomic::AtomicI32;

pub const THREADS: [usize; 4] = [1, 2, 3, 7];

/// xorshift64* values in [-1, 1) and a few special values.
pub fn values(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..n)
        .map(|_| {
            s ^= s >> 12;
            s ^= s << 25;
            s ^= s >> 27;
            let r = s.wrapping_mul(0x2545_f491_4f6c_dd1d);
            (r >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        })
        .collect()
}

pub fn block() -> [AtomicI32; 4] {
    [AtomicI32::new(0), AtomicI32::new(0), AtomicI32::new(0), AtomicI32::new(0)]
}
