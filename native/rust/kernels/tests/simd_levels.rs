//! Every SIMD kernel at every dispatch level this CPU can run (forced through the kernels'
//! `*_at(level, ...)` functions, not `MULTICORE_SIMD`), against the scalar SPEC reference.

mod common;

use multicore_kernels::simd::{simd_level, simd_level_supported, simd_levels_runnable, SimdLevel};
use multicore_kernels::{mandelbrot, monte_carlo_pi, square, sum_squares};

fn sum_reference(x: &[f64]) -> f64 {
    let mut acc = [0.0f64; 8];
    let mut i = 0;
    while i + 8 <= x.len() {
        for j in 0..8 {
            acc[j] += x[i + j] * x[i + j];
        }
        i += 8;
    }
    for t in 0..x.len() - i {
        acc[t] += x[i + t] * x[i + t];
    }
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
}

#[test]
fn runnable_levels_start_at_baseline_and_end_at_the_cpu_best() {
    let l = simd_levels_runnable();
    assert_eq!(l[0], SimdLevel::Baseline);
    assert_eq!(*l.last().unwrap(), simd_level_supported());
    assert!(l.contains(&simd_level()));
}

#[test]
fn sum_squares_every_level_every_tail() {
    let mut x = common::values(70_000, 3);
    x[3] = f64::INFINITY;
    x[12] = 1e200;
    for level in simd_levels_runnable() {
        for len in [0usize, 1, 7, 8, 9, 15, 16, 17, 63, 1000, 65536, 70_000] {
            for off in [0usize, 1, 5] {
                let xs = &x[off..(off + len).min(x.len())];
                assert_eq!(
                    sum_squares::chunk_sum_at(level, xs, 0).to_bits(),
                    sum_reference(xs).to_bits(),
                    "{level:?} len={len} off={off}"
                );
            }
        }
    }
}

#[test]
fn square_every_level() {
    let x = common::values(1000, 5);
    for level in simd_levels_runnable() {
        for len in [0usize, 1, 3, 15, 16, 17, 33, 999] {
            let xs = &x[1..1 + len];
            let mut out = vec![-1.0f64; len];
            square::square_chunk_at(level, xs, &mut out, 0);
            for i in 0..len {
                assert_eq!(out[i].to_bits(), (xs[i] * xs[i]).to_bits(), "{level:?} len={len} i={i}");
            }
        }
    }
}

#[test]
fn mandelbrot_every_level_every_width() {
    for level in simd_levels_runnable() {
        for w in [1usize, 2, 5, 6, 8, 13, 31, 32, 33, 100] {
            let v = mandelbrot::View::new(w, 9, 400);
            let dx = (v.x_max - v.x_min) / w as f64;
            let dy = (v.y_max - v.y_min) / v.height as f64;
            for r in 0..v.height {
                let mut out = vec![7777u32; w];
                mandelbrot::row_at(level, &v, r, &mut out);
                for (c, &got) in out.iter().enumerate() {
                    let want = mandelbrot::pixel(v.x_min + c as f64 * dx, v.y_min + r as f64 * dy, v.max_iter);
                    assert_eq!(got, want, "{level:?} w={w} row={r} col={c}");
                }
            }
        }
    }
}

#[test]
fn mandelbrot_across_a_poll_boundary() {
    let v = mandelbrot::View {
        width: 40,
        height: 3,
        max_iter: mandelbrot::POLL_ITERS * 2 + 17,
        x_min: -0.7454,
        x_max: -0.7452,
        y_min: 0.1128,
        y_max: 0.1131,
    };
    let dx = (v.x_max - v.x_min) / v.width as f64;
    let dy = (v.y_max - v.y_min) / v.height as f64;
    for level in simd_levels_runnable() {
        let mut out = vec![0u32; v.width];
        mandelbrot::row_at(level, &v, 1, &mut out);
        for (c, &got) in out.iter().enumerate() {
            assert_eq!(got, mandelbrot::pixel(v.x_min + c as f64 * dx, v.y_min + dy, v.max_iter), "{level:?}");
        }
    }
}

#[test]
fn monte_carlo_every_level_every_tail() {
    for level in simd_levels_runnable() {
        for samples in [1u64, 3, 15, 16, 17, 1000, 70_001, (1 << 20) + 33] {
            let want: u64 = (0..samples).filter(|&s| monte_carlo_pi::sample_inside(9, s)).count() as u64;
            let got: u64 = (0..monte_carlo_pi::chunk_count(samples))
                .map(|c| monte_carlo_pi::chunk_inside_at(level, samples, 9, c))
                .sum();
            assert_eq!(got, want, "{level:?} samples={samples}");
        }
    }
}
