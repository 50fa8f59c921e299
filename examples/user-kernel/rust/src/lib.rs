//! The example kernels (see ../blur.c) in Rust, against the C ABI of multicore_kernel.h (v1).
//! `McArg` mirrors `mc_arg`; the chunk functions are `extern "C"` and `#[no_mangle]`, so multicore
//! finds them by name. Same float arithmetic in the same order as blur.c, blur.mjs and
//! assembly/blur.ts: the results have the same bits.

use std::slice;

/// `mc_arg` of multicore_kernel.h: its layout is the ABI.
#[repr(C)]
pub struct McArg {
    pub kind: i32,
    pub reserved: i32,
    pub length: i64,
    pub data: *mut core::ffi::c_void,
    pub number: f64,
}

const MC_OK: i32 = 0;
const MC_KIND_F64: i32 = 1;
const MC_KIND_F32: i32 = 2;

/// Tells multicore which ABI this library was built for (checked when it is loaded).
#[no_mangle]
#[allow(non_upper_case_globals)]
pub static mc_kernel_abi_version: i32 = 1;

unsafe fn args<'a>(args: *const McArg, nargs: i32) -> &'a [McArg] {
    slice::from_raw_parts(args, nargs.max(0) as usize)
}

fn clamp(v: i64, lo: i64, hi: i64) -> i64 {
    v.max(lo).min(hi)
}

/// One pass of a separable Gaussian blur: rows [start, end) of dst.
/// args: src (f32), dst (f32), weights (f32, 2·radius + 1), radius, width, height, pass.
///
/// # Safety
/// multicore calls it with `nargs` valid arguments, from several threads on disjoint row ranges.
#[no_mangle]
pub unsafe extern "C" fn blur(start: i64, end: i64, a: *const McArg, nargs: i32, _partial: *mut f64) -> i32 {
    let a = args(a, nargs);
    if a.len() != 7 || a[0].kind != MC_KIND_F32 || a[1].kind != MC_KIND_F32 || a[2].kind != MC_KIND_F32 {
        return 1;
    }
    let (r, width, height, pass) = (a[3].number as i64, a[4].number as i64, a[5].number as i64, a[6].number as i64);
    let taps = 2 * r + 1;
    if r < 0 || a[2].length < taps || a[0].length < width * height || a[1].length < width * height || end > height {
        return 2;
    }
    let src = slice::from_raw_parts(a[0].data as *const f32, (width * height) as usize);
    let w = slice::from_raw_parts(a[2].data as *const f32, taps as usize);
    // Only this chunk's rows of dst: other threads write the others.
    let rows = slice::from_raw_parts_mut((a[1].data as *mut f32).add((start * width) as usize), ((end - start) * width) as usize);
    let wu = width as usize;
    for (y, out) in (start..end).zip(rows.chunks_exact_mut(wu)) {
        out.fill(0.0);
        for (k, &wk) in w.iter().enumerate() {
            let d = k as i64 - r;
            if pass == 0 {
                let row = &src[(y * width) as usize..][..wu];
                let lo = (-d).max(0).min(width) as usize; // first x with x + d >= 0
                let hi = (width - d.max(0)).max(lo as i64) as usize; // first x with x + d >= width
                for x in 0..lo {
                    out[x] += wk * row[clamp(x as i64 + d, 0, width - 1) as usize];
                }
                if hi > lo {
                    let shifted = &row[(lo as i64 + d) as usize..][..hi - lo];
                    for (o, &s) in out[lo..hi].iter_mut().zip(shifted) {
                        *o += wk * s;
                    }
                }
                for x in hi..wu {
                    out[x] += wk * row[clamp(x as i64 + d, 0, width - 1) as usize];
                }
            } else {
                let row = &src[(clamp(y + d, 0, height - 1) * width) as usize..][..wu];
                for (o, &s) in out.iter_mut().zip(row) {
                    *o += wk * s;
                }
            }
        }
    }
    MC_OK
}

/// Σ x[i]² of the chunk, as multicore's built-in sumSquares computes it: 8 accumulators, the
/// tail's element t into accumulator t, combined pairwise. args: x (f64).
///
/// # Safety
/// As for `blur`.
#[no_mangle]
#[allow(non_snake_case)] // the symbol is the kernel's name
pub unsafe extern "C" fn sumSquares(start: i64, end: i64, a: *const McArg, nargs: i32, partial: *mut f64) -> i32 {
    let a = args(a, nargs);
    if a.len() != 1 || a[0].kind != MC_KIND_F64 || end > a[0].length {
        return 1;
    }
    let x = slice::from_raw_parts((a[0].data as *const f64).add(start as usize), (end - start) as usize);
    let mut acc = [0.0f64; 8];
    let mut blocks = x.chunks_exact(8);
    for b in &mut blocks {
        for j in 0..8 {
            acc[j] += b[j] * b[j];
        }
    }
    for (t, v) in blocks.remainder().iter().enumerate() {
        acc[t] += v * v;
    }
    *partial = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    MC_OK
}
