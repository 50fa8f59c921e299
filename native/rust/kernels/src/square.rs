//! square(x, out): out[i] = x[i] * x[i] (SPEC: 65536-element chunks; out may be x itself).

use crate::prefetch::{prefetch_ahead, PAGE_DOUBLES, PREFETCH_AHEAD_DOUBLES};
use crate::{control::Control, scheduler::for_each_chunk, shared::SharedMut, RunError};

pub const CHUNK: usize = 65536;

pub fn chunk_count(len: usize) -> usize {
    len.div_ceil(CHUNK)
}

// Page by page, touching the input's page 16 ahead first (prefetch.rs).
#[inline(always)]
fn square_generic(x: &[f64], out: &mut [f64]) {
    for (xp, op) in x.chunks(PAGE_DOUBLES).zip(out.chunks_mut(PAGE_DOUBLES)) {
        prefetch_ahead(xp.as_ptr(), PREFETCH_AHEAD_DOUBLES);
        for (o, v) in op.iter_mut().zip(xp) {
            *o = v * v;
        }
    }
}

#[inline(always)]
fn square_in_place_generic(x: &mut [f64]) {
    for page in x.chunks_mut(PAGE_DOUBLES) {
        prefetch_ahead(page.as_ptr(), PREFETCH_AHEAD_DOUBLES);
        for v in page.iter_mut() {
            *v = *v * *v;
        }
    }
}

multiversion!(fn square_dispatch(x: &[f64], out: &mut [f64]) => square_generic; at square_dispatch_at);
multiversion!(fn square_in_place_dispatch(x: &mut [f64]) => square_in_place_generic);

/// Squares chunk `c` of `x` into the same range of `out` (equal lengths).
pub fn square_chunk(x: &[f64], out: &mut [f64], c: usize) {
    let (s, e) = (c * CHUNK, ((c + 1) * CHUNK).min(x.len()));
    square_dispatch(&x[s..e], &mut out[s..e]);
}

/// `square_chunk` at a forced SIMD level (tests, benchmarks).
pub fn square_chunk_at(level: crate::simd::SimdLevel, x: &[f64], out: &mut [f64], c: usize) {
    let (s, e) = (c * CHUNK, ((c + 1) * CHUNK).min(x.len()));
    square_dispatch_at(level, &x[s..e], &mut out[s..e]);
}

/// out[i] = x[i]² on up to `threads` threads. `x` and `out` must have the same length.
pub fn square(x: &[f64], out: &mut [f64], threads: usize, ctl: &Control<'_>) -> Result<(), RunError> {
    assert_eq!(x.len(), out.len(), "square: out length must equal x length");
    let n = chunk_count(x.len());
    ctl.set_total(n as u64);
    let out = SharedMut::new(out);
    for_each_chunk(threads, n, ctl, |c| {
        let (s, e) = (c * CHUNK, ((c + 1) * CHUNK).min(x.len()));
        // SAFETY: chunks are disjoint ranges.
        square_dispatch(&x[s..e], unsafe { out.slice(s, e) });
    })
}

/// x[i] = x[i]² in place on up to `threads` threads.
pub fn square_in_place(x: &mut [f64], threads: usize, ctl: &Control<'_>) -> Result<(), RunError> {
    let len = x.len();
    let n = chunk_count(len);
    ctl.set_total(n as u64);
    let x = SharedMut::new(x);
    for_each_chunk(threads, n, ctl, |c| {
        let (s, e) = (c * CHUNK, ((c + 1) * CHUNK).min(len));
        // SAFETY: chunks are disjoint ranges.
        square_in_place_dispatch(unsafe { x.slice(s, e) });
    })
}
