mod common;
use common::*;
use multicore_kernels::{mandelbrot as mb, Control};

fn reference(v: &mb::View) -> Vec<u32> {
    let dx = (v.x_max - v.x_min) / v.width as f64;
    let dy = (v.y_max - v.y_min) / v.height as f64;
    let mut out = vec![0; v.width * v.height];
    for r in 0..v.height {
        for c in 0..v.width {
            out[r * v.width + c] = mb::pixel(v.x_min + c as f64 * dx, v.y_min + r as f64 * dy, v.max_iter);
        }
    }
    out
}

#[test]
fn matches_scalar_reference() {
    for (w, h, it) in [(1usize, 1usize, 10u32), (13, 7, 50), (101, 64, 500), (64, 33, 1)] {
        let v = mb::View::new(w, h, it);
        let want = reference(&v);
        for t in THREADS {
            let mut out = vec![u32::MAX; w * h];
            mb::mandelbrot(&v, &mut out, t, &Control::none()).unwrap();
            assert_eq!(out, want, "{w}x{h} it={it} t={t}");
        }
    }
    let mut v = mb::View::new(40, 30, 200);
    v.x_min = -0.8;
    v.x_max = -0.7;
    v.y_min = 0.05;
    v.y_max = 0.15;
    let mut out = vec![0; 1200];
    mb::mandelbrot(&v, &mut out, 3, &Control::none()).unwrap();
    assert_eq!(out, reference(&v));
}

#[test]
fn empty_image() {
    let mut out = vec![];
    mb::mandelbrot(&mb::View::new(0, 5, 10), &mut out, 2, &Control::none()).unwrap();
    mb::mandelbrot(&mb::View::new(5, 0, 10), &mut out, 2, &Control::none()).unwrap();
}
