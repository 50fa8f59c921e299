//! monteCarloPi(samples, seed) → the exact count of points inside the quarter circle
//! (SPEC: lowbias32 mixer, counter-based per sample index, 2^20-sample chunks).

use crate::{control::Control, scheduler::for_each_chunk, RunError};
use std::sync::atomic::{AtomicU64, Ordering};

pub const CHUNK: u64 = 1 << 20;
/// Largest accepted sample count (2^53 − 1).
pub const MAX_SAMPLES: u64 = (1 << 53) - 1;

#[inline(always)]
pub fn lowbias32(mut v: u32) -> u32 {
    v ^= v >> 16;
    v = v.wrapping_mul(0x7feb352d);
    v ^= v >> 15;
    v = v.wrapping_mul(0x846ca68b);
    v ^= v >> 16;
    v
}

pub fn chunk_count(samples: u64) -> u64 {
    samples.div_ceil(CHUNK)
}

/// Whether sample `s` lands inside (reference formulation, used by tests).
pub fn sample_inside(seed: u32, s: u64) -> bool {
    let (hi, lo) = ((s >> 32) as u32, s as u32);
    let k1 = lowbias32(seed ^ lowbias32(hi ^ 0x9e37_79b9));
    let k2 = lowbias32(k1 ^ 0x85eb_ca6b);
    let a = lowbias32(lo ^ k1);
    let b = lowbias32(lowbias32(lo ^ k2) ^ 0x27d4_eb2f);
    let (px, py) = (a as f64 * TWO_POW_M32, b as f64 * TWO_POW_M32);
    px * px + py * py < 1.0
}

const TWO_POW_M32: f64 = 1.0 / 4294967296.0;

/// `v as f64`, written as a signed conversion plus 2^31 (exact, so bit-identical) because
/// i32 → f64 vectorizes (cvtdq2pd) where u32 → f64 does not.
#[inline(always)]
fn u32_to_f64(v: u32) -> f64 {
    (v ^ 0x8000_0000) as i32 as f64 + 2147483648.0
}

/// `LANES` samples side by side: 8 (two SSE2 or one AVX2 register of u32) or 16 (one AVX-512
/// register; at the narrower levels 16 costs registers and time). `U32_CVT`: convert u32 → f64
/// directly, for AVX-512, which has the instruction (vcvtudq2pd); the signed detour there cost
/// two more instructions per conversion, four conversions a sample (Rust 1.24× the C++ time).
#[inline(always)]
fn count_generic<const LANES: usize, const U32_CVT: bool>(k1: u32, k2: u32, lo0: u32, count: u32) -> u64 {
    let to_f64 = |v: u32| if U32_CVT { v as f64 } else { u32_to_f64(v) };
    // `hi` is constant inside a chunk (chunks are aligned to 2^20, which divides 2^32).
    let mut acc = [0u32; LANES];
    let full = count / LANES as u32 * LANES as u32;
    let mut t = 0;
    while t < full {
        for j in 0..LANES as u32 {
            let lo = lo0.wrapping_add(t + j);
            let a = lowbias32(lo ^ k1);
            let b = lowbias32(lowbias32(lo ^ k2) ^ 0x27d4_eb2f);
            let (px, py) = (to_f64(a) * TWO_POW_M32, to_f64(b) * TWO_POW_M32);
            acc[j as usize] += (px * px + py * py < 1.0) as u32;
        }
        t += LANES as u32;
    }
    let mut total: u64 = acc.iter().map(|&v| v as u64).sum();
    while t < count {
        let lo = lo0.wrapping_add(t);
        let a = lowbias32(lo ^ k1);
        let b = lowbias32(lowbias32(lo ^ k2) ^ 0x27d4_eb2f);
        let (px, py) = (a as f64 * TWO_POW_M32, b as f64 * TWO_POW_M32);
        total += (px * px + py * py < 1.0) as u64;
        t += 1;
    }
    total
}

#[inline(always)]
fn count8(k1: u32, k2: u32, lo0: u32, count: u32) -> u64 {
    count_generic::<8, false>(k1, k2, lo0, count)
}

#[inline(always)]
fn count16(k1: u32, k2: u32, lo0: u32, count: u32) -> u64 {
    count_generic::<16, true>(k1, k2, lo0, count)
}

multiversion!(fn count8_dispatch(k1: u32, k2: u32, lo0: u32, count: u32) -> u64 => count8; at count8_at);
multiversion!(fn count16_dispatch(k1: u32, k2: u32, lo0: u32, count: u32) -> u64 => count16; at count16_at);

fn count_dispatch_at(level: crate::simd::SimdLevel, k1: u32, k2: u32, lo0: u32, count: u32) -> u64 {
    if level == crate::simd::SimdLevel::Avx512 {
        count16_at(level, k1, k2, lo0, count)
    } else {
        count8_at(level, k1, k2, lo0, count)
    }
}

/// Inside count of chunk `c`.
pub fn chunk_inside(samples: u64, seed: u32, c: u64) -> u64 {
    chunk_inside_at(crate::simd::simd_level(), samples, seed, c)
}

/// Inside count of chunk `c` at a forced SIMD level (tests, benchmarks).
pub fn chunk_inside_at(level: crate::simd::SimdLevel, samples: u64, seed: u32, c: u64) -> u64 {
    let start = c * CHUNK;
    let count = (samples - start).min(CHUNK) as u32;
    let hi = (start >> 32) as u32;
    let k1 = lowbias32(seed ^ lowbias32(hi ^ 0x9e37_79b9));
    let k2 = lowbias32(k1 ^ 0x85eb_ca6b);
    count_dispatch_at(level, k1, k2, start as u32, count)
}

/// The inside count for `samples` samples with `seed`, on up to `threads` threads.
pub fn monte_carlo_pi(samples: u64, seed: u32, threads: usize, ctl: &Control<'_>) -> Result<u64, RunError> {
    let n = chunk_count(samples);
    ctl.set_total(n);
    let inside = AtomicU64::new(0);
    // The scheduler counts chunks in usize: on 32-bit targets (wasm32) 2^53 samples are 2^33
    // chunks, so they run in rounds of at most ROUND chunks (one round on 64-bit targets).
    const ROUND: u64 = 1 << 30;
    let mut base = 0u64;
    while base < n {
        let round = (n - base).min(ROUND);
        for_each_chunk(threads, round as usize, ctl, |c| {
            inside.fetch_add(chunk_inside(samples, seed, base + c as u64), Ordering::Relaxed);
        })?;
        base += round;
    }
    Ok(inside.load(Ordering::Relaxed))
}
