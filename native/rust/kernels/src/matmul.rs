//! matmul: out (m×n) = a (m×k) · b (k×n), row-major. Every element is accumulated from +0.0
//! in increasing p with one running sum (SPEC), so results are bit-identical to a naive loop.
//!
//! Blocked like a BLAS (the same design as the C++ kernel): k is cut into blocks of `BLOCK_K`
//! processed in order; an output tile's running sums are loaded from `out`, continued over the
//! next block and stored (never summed separately and added). A register-tiled micro-kernel per
//! SIMD level (AVX-512 4×32, AVX2 4×8, SSE2 4×4, NEON, portable) keeps an MR×NR tile of sums in
//! registers over a packed A block and a B panel; `acc += a * b` is a multiply then an add, never
//! an FMA.
//!
//! Phases (chunks depend on m, k, n only):
//! - pack B (only when m > 16 and n >= 16): b is copied into NR-wide column panels, one chunk
//!   per 256 rows × 512 columns of b;
//! - rows: one chunk per 16 rows of out.

use crate::simd::{simd_level, SimdLevel};
use crate::{control::Control, scheduler::for_each_chunk, shared::SharedMut, RunError};

pub const ROWS_PER_CHUNK: usize = 16;
/// Rows of b per k-block.
pub const BLOCK_K: usize = 256;
/// Columns of b per packing chunk (every NR divides it).
pub const PACK_COLS: usize = 512;
const MAX_MR: usize = 8;
const MAX_NR: usize = 32;
const AP_ROWS: usize = ROWS_PER_CHUNK + MAX_MR;

/// Shapes: a is m×k, b is k×n.
#[derive(Clone, Copy, Debug)]
pub struct Dims {
    pub m: usize,
    pub k: usize,
    pub n: usize,
}

fn packs(d: Dims) -> bool {
    d.k > 0 && d.m > ROWS_PER_CHUNK && d.n >= 16
}

/// Total chunks of a call (as stored in the control block) when the packed copy of b could be
/// allocated, which is the normal case.
pub fn chunk_count(d: Dims) -> usize {
    if d.m == 0 || d.n == 0 {
        return 0;
    }
    let rows = d.m.div_ceil(ROWS_PER_CHUNK);
    if packs(d) {
        d.k.div_ceil(BLOCK_K) * d.n.div_ceil(PACK_COLS) + rows
    } else {
        rows
    }
}

/// One micro-kernel: c[MR×NR] = (zero ? +0 : c) + Σ_p ap[p*MR + r] · bp[p*ldb + j], p ascending.
/// Safety: ap holds kc·MR values, bp kc rows of NR values at stride ldb, c MR rows of NR at ldc.
type TileFn = unsafe fn(kc: usize, ap: *const f64, bp: *const f64, ldb: usize, c: *mut f64, ldc: usize, zero: bool);

#[derive(Clone, Copy)]
struct Tile {
    mr: usize,
    nr: usize,
    f: TileFn,
}

/// Portable kernel, for CPUs without a dedicated one.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
unsafe fn tile_portable<const MR: usize, const NR: usize>(
    kc: usize,
    ap: *const f64,
    bp: *const f64,
    ldb: usize,
    c: *mut f64,
    ldc: usize,
    zero: bool,
) {
    let mut acc = [[0.0f64; NR]; MR];
    if !zero {
        for (r, row) in acc.iter_mut().enumerate() {
            for (j, v) in row.iter_mut().enumerate() {
                *v = *c.add(r * ldc + j);
            }
        }
    }
    for p in 0..kc {
        for (r, row) in acc.iter_mut().enumerate() {
            let a = *ap.add(p * MR + r);
            for (j, v) in row.iter_mut().enumerate() {
                *v += a * *bp.add(p * ldb + j);
            }
        }
    }
    for (r, row) in acc.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            *c.add(r * ldc + j) = *v;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use std::arch::x86_64::*;

    /// Defines one x86 micro-kernel: `$w` doubles per vector.
    macro_rules! x86_tile {
        ($(#[$attr:meta])* $name:ident, $v:ty, $w:expr, $zero:ident, $load:ident, $store:ident, $set1:ident, $add:ident, $mul:ident) => {
            $(#[$attr])*
            pub unsafe fn $name<const MR: usize, const NV: usize>(kc: usize, ap: *const f64, bp: *const f64, ldb: usize, c: *mut f64, ldc: usize, zero: bool) {
                let mut acc: [[$v; NV]; MR] = [[$zero(); NV]; MR];
                if !zero {
                    for r in 0..MR {
                        for v in 0..NV {
                            acc[r][v] = $load(c.add(r * ldc + $w * v));
                        }
                    }
                }
                for p in 0..kc {
                    let mut b: [$v; NV] = [$zero(); NV];
                    for v in 0..NV {
                        b[v] = $load(bp.add(p * ldb + $w * v));
                    }
                    for r in 0..MR {
                        let a = $set1(*ap.add(p * MR + r));
                        for v in 0..NV {
                            acc[r][v] = $add(acc[r][v], $mul(a, b[v]));
                        }
                    }
                }
                for r in 0..MR {
                    for v in 0..NV {
                        $store(c.add(r * ldc + $w * v), acc[r][v]);
                    }
                }
            }
        };
    }

    x86_tile!(
        #[target_feature(enable = "avx512f")]
        avx512,
        __m512d,
        8,
        _mm512_setzero_pd,
        _mm512_loadu_pd,
        _mm512_storeu_pd,
        _mm512_set1_pd,
        _mm512_add_pd,
        _mm512_mul_pd
    );
    x86_tile!(
        #[target_feature(enable = "avx2")]
        avx2,
        __m256d,
        4,
        _mm256_setzero_pd,
        _mm256_loadu_pd,
        _mm256_storeu_pd,
        _mm256_set1_pd,
        _mm256_add_pd,
        _mm256_mul_pd
    );
    x86_tile!(sse2, __m128d, 2, _mm_setzero_pd, _mm_loadu_pd, _mm_storeu_pd, _mm_set1_pd, _mm_add_pd, _mm_mul_pd);
}

#[cfg(target_arch = "aarch64")]
mod neon {
    use std::arch::aarch64::*;

    pub unsafe fn tile<const MR: usize, const NV: usize>(
        kc: usize,
        ap: *const f64,
        bp: *const f64,
        ldb: usize,
        c: *mut f64,
        ldc: usize,
        zero: bool,
    ) {
        let mut acc: [[float64x2_t; NV]; MR] = [[vdupq_n_f64(0.0); NV]; MR];
        if !zero {
            for r in 0..MR {
                for v in 0..NV {
                    acc[r][v] = vld1q_f64(c.add(r * ldc + 2 * v));
                }
            }
        }
        for p in 0..kc {
            let mut b = [vdupq_n_f64(0.0); NV];
            for v in 0..NV {
                b[v] = vld1q_f64(bp.add(p * ldb + 2 * v));
            }
            for r in 0..MR {
                let a = vdupq_n_f64(*ap.add(p * MR + r));
                for v in 0..NV {
                    acc[r][v] = vaddq_f64(acc[r][v], vmulq_f64(a, b[v]));
                }
            }
        }
        for r in 0..MR {
            for v in 0..NV {
                vst1q_f64(c.add(r * ldc + 2 * v), acc[r][v]);
            }
        }
    }
}

/// The micro-kernel of a level (the caller guarantees the CPU supports the level).
fn tile_for(level: SimdLevel) -> Tile {
    #[cfg(target_arch = "x86_64")]
    {
        match level {
            SimdLevel::Avx512 => Tile { mr: 4, nr: 32, f: x86::avx512::<4, 4> },
            SimdLevel::Avx2 => Tile { mr: 4, nr: 8, f: x86::avx2::<4, 2> },
            _ => Tile { mr: 4, nr: 4, f: x86::sse2::<4, 2> },
        }
    }
    #[cfg(target_arch = "aarch64")]
    {
        if level == SimdLevel::Neon {
            return Tile { mr: 6, nr: 8, f: neon::tile::<6, 4> };
        }
        Tile { mr: 4, nr: 4, f: tile_portable::<4, 4> }
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        let _ = level;
        Tile { mr: 4, nr: 4, f: tile_portable::<4, 4> }
    }
}

/// Packs the part of b that packing chunk `q` owns: per k-block (kc rows) panel after panel of
/// kc × NR, row p of panel j at p·NR; columns past n are zero (their sums are never stored).
fn pack_chunk(b: &[f64], packed: SharedMut<f64>, d: Dims, t: Tile, panels: usize, q: usize) {
    let (k, n, nr) = (d.k, d.n, t.nr);
    let groups = n.div_ceil(PACK_COLS);
    let p0 = q / groups * BLOCK_K;
    let kc = BLOCK_K.min(k - p0);
    let pb = q % groups * (PACK_COLS / nr);
    let pe = panels.min(pb + PACK_COLS / nr);
    let base = p0 * panels * nr;
    // SAFETY: chunk q owns panels pb..pe of its k-block, a contiguous range no other chunk writes.
    let dst = unsafe { packed.slice(base + pb * kc * nr, base + pe * kc * nr) };
    for (i, jp) in (pb..pe).enumerate() {
        let j0 = jp * nr;
        let cols = nr.min(n - j0);
        for p in 0..kc {
            let row = &mut dst[(i * kc + p) * nr..][..nr];
            row[..cols].copy_from_slice(&b[(p0 + p) * n + j0..][..cols]);
            row[cols..].fill(0.0);
        }
    }
}

/// Output rows of chunk `c` (`out_rows` holds exactly those rows).
#[allow(clippy::too_many_arguments)]
fn rows_chunk(
    a: &[f64],
    b: &[f64],
    packed: Option<&[f64]>,
    out_rows: &mut [f64],
    d: Dims,
    t: Tile,
    panels: usize,
    c: usize,
) {
    let (k, n) = (d.k, d.n);
    let i0 = c * ROWS_PER_CHUNK;
    let i1 = (i0 + ROWS_PER_CHUNK).min(d.m);
    if k == 0 {
        out_rows.fill(0.0);
        return;
    }
    let (mr, nr) = (t.mr, t.nr);
    let tiles = (i1 - i0).div_ceil(mr);
    let mut ap = [0.0f64; AP_ROWS * BLOCK_K];
    let mut edge_b = [0.0f64; BLOCK_K * MAX_NR];
    let mut edge_c = [0.0f64; MAX_MR * MAX_NR]; // lanes outside out are never stored
    for p0 in (0..k).step_by(BLOCK_K) {
        let kc = BLOCK_K.min(k - p0);
        let zero = p0 == 0; // the first block starts every sum at +0.0
                            // A block: tile t, row r of the tile, p → ap[t*kc*mr + p*mr + r]; rows past i1 are zero.
        for tt in 0..tiles {
            for r in 0..mr {
                let i = i0 + tt * mr + r;
                let dst = &mut ap[tt * kc * mr + r..];
                if i < i1 {
                    let src = &a[i * k + p0..][..kc];
                    for (p, v) in src.iter().enumerate() {
                        dst[p * mr] = *v;
                    }
                } else {
                    for p in 0..kc {
                        dst[p * mr] = 0.0;
                    }
                }
            }
        }
        for jp in 0..panels {
            let j0 = jp * nr;
            let cols = nr.min(n - j0);
            let (bp, ldb): (*const f64, usize) = match packed {
                Some(pk) => (pk[p0 * panels * nr + jp * kc * nr..][..kc * nr].as_ptr(), nr),
                None if cols == nr => (b[p0 * n + j0..][..(kc - 1) * n + nr].as_ptr(), n),
                None => {
                    // The last, narrower panel of an unpacked b: copy it, zero-padded.
                    for p in 0..kc {
                        let row = &mut edge_b[p * nr..][..nr];
                        row[..cols].copy_from_slice(&b[(p0 + p) * n + j0..][..cols]);
                        row[cols..].fill(0.0);
                    }
                    (edge_b.as_ptr(), nr)
                }
            };
            for tt in 0..tiles {
                let r0 = i0 + tt * mr;
                let rows = mr.min(i1 - r0);
                let apt = ap[tt * kc * mr..][..kc * mr].as_ptr();
                let cbase = (r0 - i0) * n + j0;
                if rows == mr && cols == nr {
                    let cs = &mut out_rows[cbase..][..(mr - 1) * n + nr];
                    // SAFETY: the slices above bound every access of the kernel.
                    unsafe { (t.f)(kc, apt, bp, ldb, cs.as_mut_ptr(), n, zero) };
                    continue;
                }
                // Partial tile: run it on a copy, store the part inside out.
                if !zero {
                    for r in 0..rows {
                        edge_c[r * nr..][..cols].copy_from_slice(&out_rows[cbase + r * n..][..cols]);
                    }
                }
                // SAFETY: edge_c holds MAX_MR × MAX_NR ≥ mr × nr values.
                unsafe { (t.f)(kc, apt, bp, ldb, edge_c.as_mut_ptr(), nr, zero) };
                for r in 0..rows {
                    out_rows[cbase + r * n..][..cols].copy_from_slice(&edge_c[r * nr..][..cols]);
                }
            }
        }
    }
}

/// out = a · b on up to `threads` threads. Lengths: a = m·k, b = k·n, out = m·n.
pub fn matmul(
    a: &[f64],
    b: &[f64],
    out: &mut [f64],
    d: Dims,
    threads: usize,
    ctl: &Control<'_>,
) -> Result<(), RunError> {
    matmul_at(a, b, out, d, threads, ctl, simd_level())
}

/// Same, with the micro-kernel of `level` (tests force each level this CPU supports).
pub fn matmul_at(
    a: &[f64],
    b: &[f64],
    out: &mut [f64],
    d: Dims,
    threads: usize,
    ctl: &Control<'_>,
    level: SimdLevel,
) -> Result<(), RunError> {
    assert!(a.len() == d.m * d.k && b.len() == d.k * d.n && out.len() == d.m * d.n, "matmul: bad lengths");
    assert!(
        level <= crate::simd::simd_level_supported() || level == SimdLevel::Baseline,
        "matmul: level not supported here"
    );
    if d.m == 0 || d.n == 0 {
        ctl.set_total(0);
        return crate::scheduler::check(ctl);
    }
    let t = tile_for(level);
    let panels = d.n.div_ceil(t.nr);
    let rows = d.m.div_ceil(ROWS_PER_CHUNK);
    // The packed copy of b; if it cannot be allocated, b is read in place (same bits, slower).
    let mut packed: Vec<f64> = Vec::new();
    let mut pack_chunks = 0;
    if packs(d) && packed.try_reserve_exact(d.k * panels * t.nr).is_ok() {
        packed.resize(d.k * panels * t.nr, 0.0);
        pack_chunks = chunk_count(d) - rows;
    }
    ctl.set_total((pack_chunks + rows) as u64);
    crate::scheduler::check(ctl)?;
    if pack_chunks > 0 {
        let pv = SharedMut::new(&mut packed[..]);
        for_each_chunk(threads, pack_chunks, ctl, |q| pack_chunk(b, pv, d, t, panels, q))?;
    }
    let pk = if pack_chunks > 0 { Some(&packed[..]) } else { None };
    let out = SharedMut::new(out);
    for_each_chunk(threads, rows, ctl, |c| {
        let i0 = c * ROWS_PER_CHUNK;
        let i1 = (i0 + ROWS_PER_CHUNK).min(d.m);
        // SAFETY: chunks are disjoint row ranges.
        rows_chunk(a, b, pk, unsafe { out.slice(i0 * d.n, i1 * d.n) }, d, t, panels, c);
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
