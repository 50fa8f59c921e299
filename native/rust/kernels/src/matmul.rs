//! matmul: out (m×n) = a (m×k) · b (k×n), row-major. Every element is accumulated from +0.0
//! in increasing p with one running sum (SPEC), so results are bit-identical to a naive loop.
//! Chunk = 16 output rows. Inside a chunk: column blocks × k blocks (in order) and a 4×8
//! register micro-kernel; each output element still sees p strictly ascending.

use crate::{control::Control, scheduler::for_each_chunk, shared::SharedMut, RunError};

pub const ROWS_PER_CHUNK: usize = 16;
const JB: usize = 256; // columns per block
const KB: usize = 128; // p values per block
const MR: usize = 4;
const NR: usize = 8;

pub fn chunk_count(m: usize) -> usize {
    m.div_ceil(ROWS_PER_CHUNK)
}

/// Shapes: a is m×k, b is k×n.
#[derive(Clone, Copy, Debug)]
pub struct Dims {
    pub m: usize,
    pub k: usize,
    pub n: usize,
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn micro_4x8(a: &[f64], b: &[f64], out: &mut [f64], i: usize, j: usize, p0: usize, p1: usize, d: Dims, i_base: usize) {
    let (k, n) = (d.k, d.n);
    let mut acc = [[0.0f64; NR]; MR];
    for r in 0..MR {
        acc[r].copy_from_slice(&out[(i - i_base + r) * n + j..][..NR]);
    }
    for p in p0..p1 {
        let brow: &[f64; NR] = b[p * n + j..][..NR].try_into().unwrap();
        for r in 0..MR {
            let av = a[(i + r) * k + p];
            for c in 0..NR {
                acc[r][c] += av * brow[c];
            }
        }
    }
    for r in 0..MR {
        out[(i - i_base + r) * n + j..][..NR].copy_from_slice(&acc[r]);
    }
}

#[inline(always)]
fn rows_generic(a: &[f64], b: &[f64], out: &mut [f64], i0: usize, i1: usize, d: Dims) {
    let (k, n) = (d.k, d.n);
    out.fill(0.0);
    for j0 in (0..n).step_by(JB) {
        let j1 = (j0 + JB).min(n);
        for p0 in (0..k).step_by(KB) {
            let p1 = (p0 + KB).min(k);
            let mut i = i0;
            while i < i1 {
                if i + MR <= i1 {
                    let mut j = j0;
                    while j + NR <= j1 {
                        micro_4x8(a, b, out, i, j, p0, p1, d, i0);
                        j += NR;
                    }
                    for r in i..i + MR {
                        edge_row(a, b, out, r, j, j1, p0, p1, d, i0);
                    }
                    i += MR;
                } else {
                    edge_row(a, b, out, i, j0, j1, p0, p1, d, i0);
                    i += 1;
                }
            }
        }
    }
}

/// Row `i`, columns `j..j1`, p in `p0..p1` ascending (streaming i-p-j order).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn edge_row(a: &[f64], b: &[f64], out: &mut [f64], i: usize, j: usize, j1: usize, p0: usize, p1: usize, d: Dims, i_base: usize) {
    if j >= j1 {
        return;
    }
    let (k, n) = (d.k, d.n);
    let orow = &mut out[(i - i_base) * n + j..(i - i_base) * n + j1];
    for p in p0..p1 {
        let av = a[i * k + p];
        let brow = &b[p * n + j..p * n + j1];
        for (o, bv) in orow.iter_mut().zip(brow) {
            *o += av * bv;
        }
    }
}

multiversion!(fn rows_dispatch(a: &[f64], b: &[f64], out: &mut [f64], i0: usize, i1: usize, d: Dims) => rows_generic);

/// Computes output rows of chunk `c` into `out_rows` (those rows only, `rows * n` elements).
pub fn chunk(a: &[f64], b: &[f64], out_rows: &mut [f64], d: Dims, c: usize) {
    let i0 = c * ROWS_PER_CHUNK;
    let i1 = (i0 + ROWS_PER_CHUNK).min(d.m);
    rows_dispatch(a, b, out_rows, i0, i1, d);
}

/// out = a · b on up to `threads` threads. Lengths: a = m·k, b = k·n, out = m·n.
pub fn matmul(a: &[f64], b: &[f64], out: &mut [f64], d: Dims, threads: usize, ctl: &Control<'_>) -> Result<(), RunError> {
    assert!(a.len() == d.m * d.k && b.len() == d.k * d.n && out.len() == d.m * d.n, "matmul: bad lengths");
    let nc = chunk_count(d.m);
    ctl.set_total(nc as u64);
    let out = SharedMut::new(out);
    for_each_chunk(threads, nc, ctl, |c| {
        let i0 = c * ROWS_PER_CHUNK;
        let i1 = (i0 + ROWS_PER_CHUNK).min(d.m);
        // SAFETY: chunks are disjoint row ranges.
        chunk(a, b, unsafe { out.slice(i0 * d.n, i1 * d.n) }, d, c);
    })
}

/// The naive triple loop (reference for tests).
pub fn naive(a: &[f64], b: &[f64], d: Dims) -> Vec<f64> {
    let mut out = vec![0.0; d.m * d.n];
    for i in 0..d.m {
        for j in 0..d.n {
            let mut s = 0.0;
            for p in 0..d.k {
                s += a[i * d.k + p] * b[p * d.n + j];
            }
            out[i * d.n + j] = s;
        }
    }
    out
}
