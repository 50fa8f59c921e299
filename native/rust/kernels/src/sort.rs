//! sort(x): in place, the order of `Float64Array.prototype.sort()` — ascending, -0 before +0,
//! every NaN last (normalised to the canonical quiet NaN).
//!
//! The same algorithm as the C++ kernel: a parallel LSD radix sort on the order-preserving u64
//! key, 7 passes of 10 bits, ping-ponging between x (reused as key storage) and one scratch
//! buffer of n keys. Phases (C = ceil(n / CHUNK) chunks):
//! - keys: x → scratch as keys, histogram of digit 0 per chunk (C chunks);
//! - for each digit d = 0..6: prefix — per-chunk scatter offsets, digit-major then chunk order,
//!   which keeps the scatter stable; a digit shared by every key skips its pass (1 chunk);
//!   scatter of each chunk by digit d (C chunks); histogram of digit d+1 per chunk (C chunks, d < 6);
//! - finish: keys → values, into x (C chunks).
//!
//! Total = 15·C + 7 chunks, stored before any work starts. Arrays of at most one chunk are
//! sorted in one chunk. A cancelled call leaves x holding a permutation of its values (NaNs
//! canonicalised), never raw keys.

use crate::{control::Control, scheduler::for_each_chunk, shared::SharedMut, sort_scratch::Scratch, RunError};
use std::sync::atomic::{AtomicBool, Ordering};

pub const CHUNK: usize = 1 << 16;
// 10 bits (7 passes) measured faster than 11 (6 passes: 2048 scattered write streams thrash L1
// and the TLB) and 8 (8 passes) on Zen 4 at 10^7 keys.
const DIGIT_BITS: u32 = 10;
const PASSES: usize = 7; // ceil(64 / 10)
const RADIX: usize = 1 << DIGIT_BITS;
const MASK: u64 = RADIX as u64 - 1;
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

/// Total chunks reported in the control block for `len` elements.
pub fn chunk_count(len: usize) -> usize {
    match len {
        0 => 0,
        l if l <= CHUNK => 1,
        l => {
            let c = l.div_ceil(CHUNK);
            c + PASSES * (1 + c) + (PASSES - 1) * c + c
        }
    }
}

#[inline(always)]
fn digit(k: u64, d: usize) -> usize {
    ((k >> (DIGIT_BITS as usize * d)) & MASK) as usize
}

/// A key buffer and whether it is x's own memory.
type Buf = (SharedMut<u64>, bool);

struct Radix {
    len: usize,
    x: SharedMut<u64>,
    scratch: SharedMut<u64>,
    counts: SharedMut<usize>, // chunks × RADIX: counts, then scatter offsets
}

impl Radix {
    fn range(&self, c: usize) -> (usize, usize) {
        (c * CHUNK, ((c + 1) * CHUNK).min(self.len))
    }

    /// x → scratch as keys, and the histogram of digit 0.
    fn make_keys(&self, c: usize) {
        let (s, e) = self.range(c);
        // SAFETY: chunk ranges are disjoint; x is only read here.
        let (src, dst) = unsafe { (self.x.slice_ref(s, e), self.scratch.slice(s, e)) };
        let count = unsafe { self.counts.slice(c * RADIX, (c + 1) * RADIX) };
        for (d, &bits) in dst.iter_mut().zip(src) {
            let k = key(f64::from_bits(bits));
            *d = k;
            count[digit(k, 0)] += 1;
        }
    }

    fn histogram(&self, from: SharedMut<u64>, c: usize, d: usize) {
        let (s, e) = self.range(c);
        let count = unsafe { self.counts.slice(c * RADIX, (c + 1) * RADIX) };
        count.fill(0);
        for &k in unsafe { from.slice_ref(s, e) } {
            count[digit(k, d)] += 1;
        }
    }

    /// Counts → offsets (digit-major, then chunk order); true if every key has the same digit.
    fn prefix(&self, chunks: usize) -> bool {
        let counts = unsafe { self.counts.slice(0, chunks * RADIX) };
        let mut offset = 0;
        let mut skip = false;
        for v in 0..RADIX {
            let mut total = 0;
            for c in 0..chunks {
                let slot = &mut counts[c * RADIX + v];
                let n = *slot;
                *slot = offset;
                offset += n;
                total += n;
            }
            skip |= total == self.len;
        }
        skip
    }

    fn scatter(&self, from: SharedMut<u64>, to: SharedMut<u64>, c: usize, d: usize) {
        let (s, e) = self.range(c);
        let offset = unsafe { self.counts.slice(c * RADIX, (c + 1) * RADIX) };
        let dst = unsafe { to.slice(0, 0) }.as_mut_ptr();
        let shift = DIGIT_BITS as usize * d;
        for &k in unsafe { from.slice_ref(s, e) } {
            let v = ((k >> shift) & MASK) as usize;
            // SAFETY: v < RADIX; the offsets of all chunks partition 0..len, so every write is in
            // bounds and no two chunks write the same element.
            unsafe {
                let o = offset.get_unchecked_mut(v);
                debug_assert!(*o < self.len);
                *dst.add(*o) = k;
                *o += 1;
            }
        }
    }

    /// Keys in `from` (chunk c; `from` is x itself or the scratch buffer) → values in x.
    fn finish(&self, from: Buf, c: usize) {
        let (s, e) = self.range(c);
        let (from, from_x) = from;
        if from_x {
            for k in unsafe { self.x.slice(s, e) } {
                *k = value(*k).to_bits();
            }
        } else {
            let src = unsafe { from.slice_ref(s, e) };
            for (t, &k) in unsafe { self.x.slice(s, e) }.iter_mut().zip(src) {
                *t = value(k).to_bits();
            }
        }
    }
}

/// Sorts `x` in place on up to `threads` threads. If cancelled, `x` is left holding a
/// permutation of its values (NaNs canonicalised), never raw keys.
pub fn sort(x: &mut [f64], threads: usize, ctl: &Control<'_>) -> Result<(), RunError> {
    let len = x.len();
    ctl.set_total(chunk_count(len) as u64);
    crate::scheduler::check(ctl)?;
    if len == 0 {
        return Ok(());
    }
    // SAFETY: f64 and u64 have the same size and alignment; we reinterpret the buffer as keys.
    let xk: &mut [u64] = unsafe { std::slice::from_raw_parts_mut(x.as_mut_ptr() as *mut u64, len) };
    if len <= CHUNK {
        let xv = SharedMut::new(xk);
        return for_each_chunk(threads, 1, ctl, |_| {
            let x = unsafe { xv.slice(0, len) };
            let mut keys: Vec<u64> = x.iter().map(|&b| key(f64::from_bits(b))).collect();
            keys.sort_unstable();
            for (t, k) in x.iter_mut().zip(keys) {
                *t = value(k).to_bits();
            }
        });
    }
    let chunks = len.div_ceil(CHUNK);
    let Some(mut scratch) = Scratch::new(len) else {
        return Err(RunError::Panicked("x is too large to sort: out of memory for the scratch buffer".into()));
    };
    let mut counts = vec![0usize; chunks * RADIX];
    let r = Radix { len, x: SharedMut::new(xk), scratch: scratch.shared(), counts: SharedMut::new(&mut counts[..]) };
    // x is untouched until the finish phase, except as the target of a scatter: `cur` always
    // holds every key after a completed phase, so a cancel can restore from it.
    for_each_chunk(threads, chunks, ctl, |c| r.make_keys(c))?;
    let (mut cur, mut other): (Buf, Buf) = ((r.scratch, false), (r.x, true));
    let restore = |cur: Buf, e: RunError| {
        for c in 0..chunks {
            r.finish(cur, c);
        }
        Err(e)
    };
    for d in 0..PASSES {
        let skip = AtomicBool::new(false);
        if let Err(e) = for_each_chunk(threads, 1, ctl, |_| skip.store(r.prefix(chunks), Ordering::Relaxed)) {
            return restore(cur, e);
        }
        let skip = skip.load(Ordering::Relaxed);
        let scattered = for_each_chunk(threads, chunks, ctl, |c| {
            if !skip {
                r.scatter(cur.0, other.0, c, d);
            }
        });
        if let Err(e) = scattered {
            return restore(cur, e); // cur is intact: a scatter only writes `other`
        }
        if !skip {
            std::mem::swap(&mut cur, &mut other);
        }
        if d + 1 < PASSES {
            if let Err(e) = for_each_chunk(threads, chunks, ctl, |c| r.histogram(cur.0, c, d + 1)) {
                return restore(cur, e);
            }
        }
    }
    let done: Vec<AtomicBool> = (0..chunks).map(|_| AtomicBool::new(false)).collect();
    let finished = for_each_chunk(threads, chunks, ctl, |c| {
        r.finish(cur, c);
        done[c].store(true, Ordering::Relaxed);
    });
    if let Err(e) = finished {
        // From the scratch buffer every chunk can be redone; keys in x only where not yet done.
        for (c, f) in done.iter().enumerate() {
            if !cur.1 || !f.load(Ordering::Relaxed) {
                r.finish(cur, c);
            }
        }
        return Err(e);
    }
    Ok(())
}
