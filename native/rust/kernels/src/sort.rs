//! sort(x): in place, the order of `Float64Array.prototype.sort()` — ascending, -0 before +0,
//! every NaN last (normalised to the canonical quiet NaN).
//!
//! The values are rewritten in place as order-preserving u64 keys, then:
//!   1. sort phase: each CHUNK-element run is sorted (one chunk per run);
//!   2. merge passes: runs of width w are merged pairwise into a scratch buffer, the output
//!      cut into CHUNK-sized pieces located with a merge-path binary search, so every pass
//!      is `chunks` equal, independent pieces and all threads share every pass;
//!   3. finish phase: keys are turned back into f64 (from whichever buffer holds the result).
//! Total chunks = chunks × (passes + 2), stored before any work starts.

use crate::{control::Control, scheduler::for_each_chunk, shared::SharedMut, RunError};
use std::sync::atomic::{AtomicBool, Ordering};

pub const CHUNK: usize = 1 << 15;
const NAN_KEY: u64 = u64::MAX;
pub const CANONICAL_NAN: u64 = 0x7ff8_0000_0000_0000;

#[inline(always)]
pub fn key(v: f64) -> u64 {
    if v.is_nan() {
        return NAN_KEY;
    }
    let bits = v.to_bits();
    bits ^ if bits >> 63 == 1 { u64::MAX } else { 1 << 63 }
}

#[inline(always)]
pub fn value(k: u64) -> f64 {
    if k == NAN_KEY {
        return f64::from_bits(CANONICAL_NAN);
    }
    f64::from_bits(if k >> 63 == 1 { k ^ (1 << 63) } else { !k })
}

fn passes(chunks: usize) -> usize {
    if chunks <= 1 { 0 } else { (usize::BITS - (chunks - 1).leading_zeros()) as usize }
}

/// Total chunks reported in the control block for `len` elements.
pub fn chunk_count(len: usize) -> usize {
    let c = len.div_ceil(CHUNK);
    c * (passes(c) + 2)
}

/// Merge-path: number of elements taken from `a` among the first `t` outputs of merge(a, b),
/// taking from `a` first on ties.
fn co_rank(a: &[u64], b: &[u64], t: usize) -> usize {
    let (mut lo, mut hi) = (t.saturating_sub(b.len()), t.min(a.len()));
    while lo < hi {
        let i = (lo + hi) / 2; // candidate count from a
        let j = t - i;
        // too few from a if a[i] <= b[j - 1]
        if j > 0 && i < a.len() && a[i] <= b[j - 1] {
            lo = i + 1;
        } else {
            hi = i;
        }
    }
    lo
}

fn merge_into(mut a: &[u64], mut b: &[u64], out: &mut [u64]) {
    for o in out.iter_mut() {
        let take_a = match (a.first(), b.first()) {
            (Some(x), Some(y)) => x <= y,
            (Some(_), None) => true,
            _ => false,
        };
        if take_a {
            *o = a[0];
            a = &a[1..];
        } else {
            *o = b[0];
            b = &b[1..];
        }
    }
}

/// One output piece `q` of the merge pass with run width `w`, from `src` into `dst`.
fn merge_piece(src: &[u64], dst: &mut [u64], w: usize, q: usize) {
    let len = src.len();
    let (s, e) = (q * CHUNK, ((q + 1) * CHUNK).min(len));
    let lo = s / (2 * w) * (2 * w);
    let mid = (lo + w).min(len);
    let hi = (lo + 2 * w).min(len);
    let (a, b) = (&src[lo..mid], &src[mid..hi]);
    let i0 = co_rank(a, b, s - lo);
    let i1 = co_rank(a, b, e - lo);
    merge_into(&a[i0..i1], &b[s - lo - i0..e - lo - i1], dst);
}

/// Sorts `x` in place on up to `threads` threads. If cancelled, `x` is left holding a
/// permutation of its values (NaNs canonicalised), never raw keys.
pub fn sort(x: &mut [f64], threads: usize, ctl: &Control<'_>) -> Result<(), RunError> {
    let len = x.len();
    let chunks = len.div_ceil(CHUNK);
    ctl.set_total(chunk_count(len) as u64);
    crate::scheduler::check(ctl)?;
    // SAFETY: f64 and u64 have the same size and alignment; we reinterpret the buffer as keys.
    let keys: &mut [u64] = unsafe { std::slice::from_raw_parts_mut(x.as_mut_ptr() as *mut u64, len) };
    let kv = SharedMut::new(keys);
    let range = |c: usize| (c * CHUNK, ((c + 1) * CHUNK).min(len));
    // Which chunks currently hold keys (for restoring values after a cancel).
    let is_key: Vec<AtomicBool> = (0..chunks).map(|_| AtomicBool::new(false)).collect();
    let sorted = for_each_chunk(threads, chunks, ctl, |c| {
        let (s, e) = range(c);
        // SAFETY: disjoint chunk ranges.
        let run = unsafe { kv.slice(s, e) };
        for k in run.iter_mut() {
            *k = key(f64::from_bits(*k));
        }
        is_key[c].store(true, Ordering::Relaxed);
        run.sort_unstable();
    });
    if let Err(e) = sorted {
        restore_chunks(kv, &is_key, len);
        return Err(e);
    }
    let np = passes(chunks);
    let mut scratch: Vec<u64> = if np > 0 { vec![0u64; len] } else { Vec::new() };
    let sv = SharedMut::new(&mut scratch[..]);
    let mut in_keys = true; // where the current runs live
    let mut w = CHUNK;
    for _ in 0..np {
        let (src, dst) = if in_keys { (kv, sv) } else { (sv, kv) };
        let pass = for_each_chunk(threads, chunks, ctl, |q| {
            let (s, e) = range(q);
            // SAFETY: src is only read during the pass; dst pieces are disjoint.
            merge_piece(unsafe { src.slice_ref(0, len) }, unsafe { dst.slice(s, e) }, w, q);
        });
        if let Err(e) = pass {
            // src still holds every key (merges only write dst).
            restore_from(src, kv, len);
            return Err(e);
        }
        in_keys = !in_keys;
        w *= 2;
    }
    for f in &is_key {
        f.store(true, Ordering::Relaxed);
    }
    let src = if in_keys { kv } else { sv };
    let finished = for_each_chunk(threads, chunks, ctl, |c| {
        let (s, e) = range(c);
        // SAFETY: disjoint ranges of kv; src == kv or src is the scratch buffer.
        if in_keys {
            for k in unsafe { kv.slice(s, e) } {
                *k = value(*k).to_bits();
            }
        } else {
            let from = unsafe { sv.slice_ref(s, e) };
            for (t, f) in unsafe { kv.slice(s, e) }.iter_mut().zip(from) {
                *t = value(*f).to_bits();
            }
        }
        is_key[c].store(false, Ordering::Relaxed);
    });
    if let Err(e) = finished {
        if in_keys {
            restore_chunks(kv, &is_key, len);
        } else {
            // Chunks not yet finished still hold stale keys in kv: take them from src.
            for (c, f) in is_key.iter().enumerate() {
                if f.load(Ordering::Relaxed) {
                    let (s, e) = range(c);
                    let from = unsafe { src.slice_ref(s, e) };
                    for (t, v) in unsafe { kv.slice(s, e) }.iter_mut().zip(from) {
                        *t = value(*v).to_bits();
                    }
                }
            }
        }
        return Err(e);
    }
    Ok(())
}

/// Turns the chunks flagged as holding keys back into values (single-threaded, after a cancel).
fn restore_chunks(kv: SharedMut<u64>, is_key: &[AtomicBool], len: usize) {
    for (c, f) in is_key.iter().enumerate() {
        if f.load(Ordering::Relaxed) {
            let (s, e) = (c * CHUNK, ((c + 1) * CHUNK).min(len));
            for k in unsafe { kv.slice(s, e) } {
                *k = value(*k).to_bits();
            }
        }
    }
}

/// Writes the values of the keys in `src` into `kv` (single-threaded, after a cancel).
fn restore_from(src: SharedMut<u64>, kv: SharedMut<u64>, len: usize) {
    if src.len() == len && std::ptr::eq(unsafe { src.slice_ref(0, 0) }.as_ptr(), unsafe { kv.slice_ref(0, 0) }.as_ptr()) {
        for k in unsafe { kv.slice(0, len) } {
            *k = value(*k).to_bits();
        }
    } else {
        let from = unsafe { src.slice_ref(0, len) };
        for (t, f) in unsafe { kv.slice(0, len) }.iter_mut().zip(from) {
            *t = value(*f).to_bits();
        }
    }
}
