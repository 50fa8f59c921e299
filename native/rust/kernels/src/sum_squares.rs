//! sumSquares(x) = Σ x[i]² (SPEC: 65536-element chunks, 8 accumulators, chunk sums in order).

use crate::prefetch::{prefetch_ahead, PAGE_DOUBLES, PREFETCH_AHEAD_DOUBLES};
use crate::{control::Control, scheduler::for_each_chunk, shared::ChunkResults, RunError};

pub const CHUNK: usize = 65536;

pub fn chunk_count(len: usize) -> usize {
    len.div_ceil(CHUNK)
}

#[inline(always)]
fn chunk_sum_generic(x: &[f64]) -> f64 {
    let mut acc = [0.0f64; 8];
    // Page by page (a multiple of 8, so the blocks of 8 and their order are SPEC's), touching the
    // page 16 ahead first: see prefetch.rs.
    for page in x.chunks(PAGE_DOUBLES) {
        prefetch_ahead(page.as_ptr(), PREFETCH_AHEAD_DOUBLES);
        let mut blocks = page.chunks_exact(8);
        for b in &mut blocks {
            for j in 0..8 {
                acc[j] += b[j] * b[j];
            }
        }
        // Only the last page can leave a remainder.
        for (t, v) in blocks.remainder().iter().enumerate() {
            acc[t] += v * v;
        }
    }
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
}

multiversion!(fn chunk_sum_dispatch(x: &[f64]) -> f64 => chunk_sum_generic; at chunk_sum_dispatch_at);

/// The partial sum of chunk `c` of `x`.
pub fn chunk_sum(x: &[f64], c: usize) -> f64 {
    let start = c * CHUNK;
    chunk_sum_dispatch(&x[start..(start + CHUNK).min(x.len())])
}

/// The partial sum of chunk `c` at a forced SIMD level (tests, benchmarks).
pub fn chunk_sum_at(level: crate::simd::SimdLevel, x: &[f64], c: usize) -> f64 {
    let start = c * CHUNK;
    chunk_sum_dispatch_at(level, &x[start..(start + CHUNK).min(x.len())])
}

/// Σ x[i]² on up to `threads` threads.
pub fn sum_squares(x: &[f64], threads: usize, ctl: &Control<'_>) -> Result<f64, RunError> {
    let n = chunk_count(x.len());
    ctl.set_total(n as u64);
    let partial = ChunkResults::new(n);
    for_each_chunk(threads, n, ctl, |c| partial.set(c, chunk_sum(x, c)))?;
    let mut result = 0.0f64;
    for c in 0..n {
        result += partial.get(c);
    }
    Ok(result)
}
