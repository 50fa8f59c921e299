//! mandelbrot: escape-time iteration counts, row-major (SPEC: chunk = one row, rows handed out
//! dynamically). The row loop runs 8 pixels at once with branch-free per-lane bookkeeping: a
//! lane stops counting (sticky mask) the first time |z|² > 4, exactly like the scalar loop.

use crate::{control::Control, scheduler::for_each_chunk, shared::SharedMut, RunError};

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

const LANES: usize = 8;

#[inline(always)]
fn row_generic(out: &mut [u32], x_min: f64, dx: f64, cy: f64, max_iter: u32) {
    let width = out.len();
    let mut col0 = 0;
    while col0 < width {
        let mut cx = [0.0f64; LANES];
        let mut active = [false; LANES];
        for l in 0..LANES {
            cx[l] = x_min + (col0 + l) as f64 * dx;
            active[l] = col0 + l < width;
        }
        let (mut x, mut y) = ([0.0f64; LANES], [0.0f64; LANES]);
        let mut count = [0u32; LANES];
        for _ in 0..max_iter {
            let mut any = false;
            for l in 0..LANES {
                let (x2, y2) = (x[l] * x[l], y[l] * y[l]);
                let a = active[l] & (x2 + y2 <= 4.0);
                active[l] = a;
                count[l] += a as u32;
                let xt = x2 - y2 + cx[l];
                y[l] = 2.0 * x[l] * y[l] + cy;
                x[l] = xt;
                any |= a;
            }
            if !any {
                break;
            }
        }
        let n = (width - col0).min(LANES);
        out[col0..col0 + n].copy_from_slice(&count[..n]);
        col0 += LANES;
    }
}

multiversion!(fn row_dispatch(out: &mut [u32], x_min: f64, dx: f64, cy: f64, max_iter: u32) => row_generic);

/// Fills row `row` (`out_row.len() == view.width`).
pub fn row(view: &View, row: usize, out_row: &mut [u32]) {
    let dx = (view.x_max - view.x_min) / view.width as f64;
    let dy = (view.y_max - view.y_min) / view.height as f64;
    let cy = view.y_min + row as f64 * dy;
    row_dispatch(out_row, view.x_min, dx, cy, view.max_iter);
}

/// Fills `out` (`width * height` counts) on up to `threads` threads.
pub fn mandelbrot(view: &View, out: &mut [u32], threads: usize, ctl: &Control<'_>) -> Result<(), RunError> {
    assert_eq!(out.len(), view.width * view.height, "mandelbrot: out length must be width * height");
    let rows = if view.width == 0 { 0 } else { view.height };
    ctl.set_total(rows as u64);
    let w = view.width;
    let out = SharedMut::new(out);
    // SAFETY: each chunk is one row, a disjoint range.
    for_each_chunk(threads, rows, ctl, |r| row(view, r, unsafe { out.slice(r * w, (r + 1) * w) }))
}
