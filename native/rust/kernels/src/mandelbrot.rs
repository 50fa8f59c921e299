//! mandelbrot: escape-time iteration counts, row-major (SPEC: chunk = one row, rows handed out
//! dynamically). The row loop runs a group of pixels at once with branch-free per-lane
//! bookkeeping: a lane stops counting (sticky mask) the first time |z|² > 4, exactly like the
//! scalar loop. Compiled per SIMD level (baseline, AVX2, AVX-512) and picked by `simd_level()`.

use crate::simd::SimdLevel;
use crate::{control::Control, scheduler::for_each_chunk, shared::SharedMut, RunError};
use std::sync::atomic::{AtomicBool, Ordering};

/// The view rectangle and iteration cap.
#[derive(Clone, Copy, Debug)]
pub struct View {
    pub width: usize,
    pub height: usize,
    pub max_iter: u32,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl View {
    /// The SPEC's default rectangle.
    pub fn new(width: usize, height: usize, max_iter: u32) -> Self {
        View { width, height, max_iter, x_min: -2.0, x_max: 0.5, y_min: -1.25, y_max: 1.25 }
    }
}

/// Iteration count of one pixel (reference formulation, used by tests).
pub fn pixel(cx: f64, cy: f64, max_iter: u32) -> u32 {
    let (mut x, mut y, mut i) = (0.0f64, 0.0f64, 0u32);
    while i < max_iter && x * x + y * y <= 4.0 {
        let xt = x * x - y * y + cx;
        y = 2.0 * x * y + cy;
        x = xt;
        i += 1;
    }
    i
}

/// A row polls the cancel flag every this many iterations, so that a row with a huge `maxIter`
/// is abandoned within milliseconds of an abort (the same interval as the C++ kernel).
pub const POLL_ITERS: u32 = 8192;

/// `W` pixels side by side (`W / lanes-per-register` independent vectors, so the multiply/add
/// latency chains overlap). Each lane runs exactly the SPEC recurrence; `alive` is sticky, so a
/// lane stops counting the first time |z|² ≤ 4 fails and what it computes afterwards (possibly
/// inf or NaN) is never used. Returns false if `stop` fired (the row is then incomplete).
#[inline(always)]
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn row_lanes<const W: usize>(
    out: &mut [u32],
    x_min: f64,
    dx: f64,
    cy: f64,
    max_iter: u32,
    stop: &dyn Fn() -> bool,
) -> bool {
    let width = out.len();
    let mut col0 = 0;
    while col0 < width {
        let mut cx = [0.0f64; W];
        let mut alive = [0u64; W]; // all ones while the lane iterates
        for l in 0..W {
            cx[l] = x_min + (col0 + l) as f64 * dx;
            alive[l] = if col0 + l < width { u64::MAX } else { 0 };
        }
        let (mut x, mut y) = ([0.0f64; W], [0.0f64; W]);
        let mut count = [0.0f64; W]; // exact up to 2^53, far above u32::MAX
        let mut left = max_iter;
        'iterate: while left > 0 {
            let block = left.min(POLL_ITERS);
            for _ in 0..block {
                let mut any = 0u64;
                for l in 0..W {
                    let (x2, y2) = (x[l] * x[l], y[l] * y[l]);
                    let a = alive[l] & 0u64.wrapping_sub((x2 + y2 <= 4.0) as u64);
                    alive[l] = a;
                    count[l] += f64::from_bits(a & ONE_BITS); // 1.0 in running lanes, +0.0 in others
                    let xt = x2 - y2 + cx[l];
                    y[l] = (x[l] + x[l]) * y[l] + cy; // x + x == 2.0 * x exactly
                    x[l] = xt;
                    any |= a;
                }
                if any == 0 {
                    break 'iterate;
                }
            }
            left -= block;
            if left > 0 && stop() {
                return false;
            }
        }
        let n = (width - col0).min(W);
        for l in 0..n {
            out[col0 + l] = count[l] as u32; // exact: an integer ≤ max_iter
        }
        col0 += W;
    }
    true
}

/// The group's lane counts (exact integers ≤ max_iter) into the row, past its end dropped.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn put_counts(out: &mut [u32], col0: usize, counts: &[u64]) {
    let n = (out.len() - col0).min(counts.len());
    for (o, &c) in out[col0..col0 + n].iter_mut().zip(counts) {
        *o = c as u32;
    }
}

#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
const ONE_BITS: u64 = 0x3ff0_0000_0000_0000; // 1.0f64

type RowFn = fn(&mut [u32], f64, f64, f64, u32, &dyn Fn() -> bool) -> bool;

// Pixels per group, per level: 3 registers' worth on SSE2 and AVX2 (16 registers), 4 on
// AVX-512 (32 registers); the same grouping as the C++ kernel. On x86-64 the baseline is written
// with SSE2 intrinsics (always available there): LLVM's vectorisation of the generic body keeps
// the counters in general registers at that width.
#[cfg(not(target_arch = "x86_64"))]
fn row_baseline(out: &mut [u32], x_min: f64, dx: f64, cy: f64, it: u32, stop: &dyn Fn() -> bool) -> bool {
    row_lanes::<8>(out, x_min, dx, cy, it, stop)
}

#[cfg(target_arch = "x86_64")]
fn row_baseline(out: &mut [u32], x_min: f64, dx: f64, cy: f64, max_iter: u32, stop: &dyn Fn() -> bool) -> bool {
    use std::arch::x86_64::*;
    const G: usize = 3;
    const P: usize = 2 * G;
    let width = out.len();
    // SAFETY: SSE2 is part of the x86-64 baseline; loads and stores go through local arrays.
    unsafe {
        let (vcy, four) = (_mm_set1_pd(cy), _mm_set1_pd(4.0));
        let mut col0 = 0;
        while col0 < width {
            let mut cx = [_mm_setzero_pd(); G];
            let mut alive = [_mm_setzero_pd(); G];
            let mut count = [_mm_setzero_si128(); G];
            for g in 0..G {
                let (c0, c1) = (col0 + 2 * g, col0 + 2 * g + 1);
                cx[g] = _mm_setr_pd(x_min + c0 as f64 * dx, x_min + c1 as f64 * dx);
                let m = |c: usize| if c < width { -1i64 } else { 0 };
                alive[g] = _mm_castsi128_pd(_mm_set_epi64x(m(c1), m(c0)));
            }
            let (mut x, mut y) = ([_mm_setzero_pd(); G], [_mm_setzero_pd(); G]);
            let mut left = max_iter;
            'iterate: while left > 0 {
                let block = left.min(POLL_ITERS);
                for _ in 0..block {
                    for g in 0..G {
                        let (xx, yy) = (_mm_mul_pd(x[g], x[g]), _mm_mul_pd(y[g], y[g]));
                        alive[g] = _mm_and_pd(alive[g], _mm_cmple_pd(_mm_add_pd(xx, yy), four));
                        count[g] = _mm_sub_epi64(count[g], _mm_castpd_si128(alive[g]));
                        let xt = _mm_add_pd(_mm_sub_pd(xx, yy), cx[g]);
                        y[g] = _mm_add_pd(_mm_mul_pd(_mm_add_pd(x[g], x[g]), y[g]), vcy);
                        x[g] = xt;
                    }
                    if _mm_movemask_pd(_mm_or_pd(_mm_or_pd(alive[0], alive[1]), alive[2])) == 0 {
                        break 'iterate;
                    }
                }
                left -= block;
                if left > 0 && stop() {
                    return false;
                }
            }
            let mut counts = [0u64; P];
            for (g, c) in count.iter().enumerate() {
                _mm_storeu_si128(counts.as_mut_ptr().add(2 * g) as *mut __m128i, *c);
            }
            put_counts(out, col0, &counts);
            col0 += P;
        }
    }
    true
}

/// The x86-64 rows in intrinsics, one per level: `$g` vectors of `$n` pixels (the C++ kernel's
/// grouping), sticky lane masks, 64-bit lane counters.
#[cfg(target_arch = "x86_64")]
macro_rules! x86_row {
    ($(#[$attr:meta])* $name:ident, $g:expr, $n:expr, $pd:ty, $si:ty,
     set1 = $set1:ident, zero = $zero:ident, zeroi = $zeroi:ident, add = $add:ident, sub = $sub:ident, mul = $mul:ident,
     keep = $keep:expr, or = $or:expr, none = $none:expr, init = $init:expr, count = $count:expr, store = $store:expr) => {
        $(#[$attr])*
        unsafe fn $name(out: &mut [u32], x_min: f64, dx: f64, cy: f64, max_iter: u32, stop: &dyn Fn() -> bool) -> bool {
            #[allow(unused_imports)]
            use std::arch::x86_64::*;
            const G: usize = $g;
            const N: usize = $n;
            const P: usize = G * N;
            let width = out.len();
            let (vcy, four) = ($set1(cy), $set1(4.0));
            let mut col0 = 0;
            while col0 < width {
                let mut cx = [$zero(); G];
                let mut alive = [$init(0usize, 0usize); G];
                let mut count = [$zeroi(); G];
                for g in 0..G {
                    let mut lanes = [0.0f64; N];
                    for (l, v) in lanes.iter_mut().enumerate() {
                        *v = x_min + (col0 + g * N + l) as f64 * dx;
                    }
                    cx[g] = std::mem::transmute::<[f64; N], $pd>(lanes);
                    alive[g] = $init(col0 + g * N, width);
                }
                let (mut x, mut y) = ([$zero(); G], [$zero(); G]);
                let mut left = max_iter;
                'iterate: while left > 0 {
                    let block = left.min(POLL_ITERS);
                    for _ in 0..block {
                        for g in 0..G {
                            let (xx, yy) = ($mul(x[g], x[g]), $mul(y[g], y[g]));
                            alive[g] = $keep(alive[g], $add(xx, yy), four); // alive && |z|² <= 4
                            count[g] = $count(count[g], alive[g]);
                            let xt = $add($sub(xx, yy), cx[g]);
                            y[g] = $add($mul($add(x[g], x[g]), y[g]), vcy); // x + x == 2.0 * x exactly
                            x[g] = xt;
                        }
                        let mut some = alive[0];
                        for g in 1..G {
                            some = $or(some, alive[g]);
                        }
                        if $none(some) {
                            break 'iterate;
                        }
                    }
                    left -= block;
                    if left > 0 && stop() {
                        return false;
                    }
                }
                let mut counts = [0u64; P];
                for g in 0..G {
                    $store(counts.as_mut_ptr().add(g * N), count[g]);
                }
                put_counts(out, col0, &counts);
                col0 += P;
            }
            true
        }
    };
}

#[cfg(target_arch = "x86_64")]
x86_row!(
    #[target_feature(enable = "avx,avx2,bmi1,bmi2,popcnt,sse3,ssse3,sse4.1,sse4.2")]
    row_avx2,
    3,
    4,
    __m256d,
    __m256i,
    set1 = _mm256_set1_pd,
    zero = _mm256_setzero_pd,
    zeroi = _mm256_setzero_si256,
    add = _mm256_add_pd,
    sub = _mm256_sub_pd,
    mul = _mm256_mul_pd,
    keep = |m, s, four| _mm256_and_pd(m, _mm256_cmp_pd::<_CMP_LE_OQ>(s, four)),
    or = |a, b| _mm256_or_pd(a, b),
    none = |m| _mm256_movemask_pd(m) == 0,
    init = |first: usize, width: usize| {
        let m = |c: usize| if c < width { -1i64 } else { 0 };
        _mm256_castsi256_pd(_mm256_setr_epi64x(m(first), m(first + 1), m(first + 2), m(first + 3)))
    },
    count = |c, m| _mm256_sub_epi64(c, _mm256_castpd_si256(m)),
    store = |p: *mut u64, c| _mm256_storeu_si256(p as *mut __m256i, c)
);

/// AVX-512: `G` vectors of 8 pixels. The sticky `alive` mask is not carried from one iteration
/// to the next: a lane is alive at iteration `i` exactly when its count equals `i` (it has
/// counted every iteration so far), so the mask is recomputed from the count vector. A carried
/// `__mmask8` is a `u8` to LLVM, which kept each one in a general register and moved it to and
/// from a mask register every iteration (Rust ran 1.3× the C++ kernel's time, which GCC keeps in
/// mask registers). Lanes past the row's end start at count -1 and so never count.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx,avx2,bmi1,bmi2,popcnt,sse3,ssse3,sse4.1,sse4.2,avx512f,avx512bw,avx512dq,avx512vl")]
unsafe fn row_avx512(out: &mut [u32], x_min: f64, dx: f64, cy: f64, max_iter: u32, stop: &dyn Fn() -> bool) -> bool {
    use std::arch::x86_64::*;
    const G: usize = 4;
    const N: usize = 8;
    const P: usize = G * N;
    let width = out.len();
    // `one` opaque to LLVM: with a known 1 it turns each masked add into a mask-to-vector move
    // and a subtraction, two instructions for one.
    let (vcy, four, one) = (_mm512_set1_pd(cy), _mm512_set1_pd(4.0), std::hint::black_box(_mm512_set1_epi64(1)));
    let mut col0 = 0;
    while col0 < width {
        let mut cx = [_mm512_setzero_pd(); G];
        let mut count = [_mm512_setzero_si512(); G];
        for g in 0..G {
            let mut lanes = [0.0f64; N];
            let mut start = [0i64; N];
            for l in 0..N {
                lanes[l] = x_min + (col0 + g * N + l) as f64 * dx;
                start[l] = if col0 + g * N + l < width { 0 } else { -1 };
            }
            cx[g] = _mm512_loadu_pd(lanes.as_ptr());
            count[g] = _mm512_loadu_si512(start.as_ptr() as *const _);
        }
        let (mut x, mut y) = ([_mm512_setzero_pd(); G], [_mm512_setzero_pd(); G]);
        let mut it = _mm512_setzero_si512(); // the iteration number in every lane
        let mut left = max_iter;
        'iterate: while left > 0 {
            let block = left.min(POLL_ITERS);
            for _ in 0..block {
                let mut some: __mmask8 = 0;
                for g in 0..G {
                    let (xx, yy) = (_mm512_mul_pd(x[g], x[g]), _mm512_mul_pd(y[g], y[g]));
                    let alive = _mm512_cmpeq_epi64_mask(count[g], it);
                    let keep = _mm512_mask_cmp_pd_mask::<_CMP_LE_OQ>(alive, _mm512_add_pd(xx, yy), four);
                    count[g] = _mm512_mask_add_epi64(count[g], keep, count[g], one);
                    some |= keep;
                    let xt = _mm512_add_pd(_mm512_sub_pd(xx, yy), cx[g]);
                    y[g] = _mm512_add_pd(_mm512_mul_pd(_mm512_add_pd(x[g], x[g]), y[g]), vcy); // x + x == 2.0 * x exactly
                    x[g] = xt;
                }
                it = _mm512_add_epi64(it, one);
                if some == 0 {
                    break 'iterate;
                }
            }
            left -= block;
            if left > 0 && stop() {
                return false;
            }
        }
        let mut counts = [0u64; P];
        for (g, c) in count.iter().enumerate() {
            _mm512_storeu_si512(counts.as_mut_ptr().add(g * N) as *mut _, *c);
        }
        put_counts(out, col0, &counts);
        col0 += P;
    }
    true
}

fn row_fn(level: SimdLevel) -> RowFn {
    #[cfg(target_arch = "x86_64")]
    {
        let level = level.min(crate::simd::simd_level_supported());
        if level == SimdLevel::Avx512 {
            // SAFETY: the CPU supports every feature of the level (checked just above).
            return |o, a, b, c, d, s| unsafe { row_avx512(o, a, b, c, d, s) };
        }
        if level == SimdLevel::Avx2 {
            // SAFETY: as above.
            return |o, a, b, c, d, s| unsafe { row_avx2(o, a, b, c, d, s) };
        }
    }
    let _ = level;
    row_baseline
}

/// Fills row `row` (`out_row.len() == view.width`) at the level `simd_level()` picks; false if
/// `stop` returned true first (polled every [`POLL_ITERS`] iterations; the row is incomplete).
pub fn row_with_stop(view: &View, row: usize, out_row: &mut [u32], stop: &dyn Fn() -> bool) -> bool {
    static ROW: std::sync::OnceLock<RowFn> = std::sync::OnceLock::new();
    let f = *ROW.get_or_init(|| row_fn(crate::simd::simd_level()));
    call_row(f, view, row, out_row, stop)
}

/// Fills row `row` at a forced SIMD level (tests, benchmarks); never stops early.
pub fn row_at(level: SimdLevel, view: &View, row: usize, out_row: &mut [u32]) {
    call_row(row_fn(level), view, row, out_row, &|| false);
}

fn call_row(f: RowFn, view: &View, row: usize, out_row: &mut [u32], stop: &dyn Fn() -> bool) -> bool {
    let dx = (view.x_max - view.x_min) / view.width as f64;
    let dy = (view.y_max - view.y_min) / view.height as f64;
    let cy = view.y_min + row as f64 * dy;
    f(out_row, view.x_min, dx, cy, view.max_iter, stop)
}

/// Fills row `row` (`out_row.len() == view.width`).
pub fn row(view: &View, row: usize, out_row: &mut [u32]) {
    row_with_stop(view, row, out_row, &|| false);
}

/// Fills `out` (`width * height` counts) on up to `threads` threads. A cancel is seen between
/// rows and, inside a row, every [`POLL_ITERS`] iterations.
pub fn mandelbrot(view: &View, out: &mut [u32], threads: usize, ctl: &Control<'_>) -> Result<(), RunError> {
    assert_eq!(out.len(), view.width * view.height, "mandelbrot: out length must be width * height");
    let rows = if view.width == 0 { 0 } else { view.height };
    ctl.set_total(rows as u64);
    let w = view.width;
    let out = SharedMut::new(out);
    let interrupted = AtomicBool::new(false);
    let stop = || ctl.cancelled();
    for_each_chunk(threads, rows, ctl, |r| {
        // SAFETY: each chunk is one row, a disjoint range.
        if !row_with_stop(view, r, unsafe { out.slice(r * w, (r + 1) * w) }, &stop) {
            interrupted.store(true, Ordering::Relaxed);
        }
    })?;
    // A row that stopped early is incomplete even if every chunk returned.
    if interrupted.load(Ordering::Relaxed) {
        return Err(RunError::Cancelled);
    }
    Ok(())
}
