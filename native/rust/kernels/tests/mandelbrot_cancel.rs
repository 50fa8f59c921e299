//! A mandelbrot row with a huge maxIter stops soon after an abort (the row polls the cancel
//! flag every `POLL_ITERS` iterations), and the call then reports `Cancelled`.

mod common;

use multicore_kernels::{mandelbrot, Control, RunError};
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::Duration;

fn abort_mid_row(height: usize, threads: usize) {
    let mut view = mandelbrot::View::new(64, height, i32::MAX as u32);
    if height == 1 {
        view.y_min = 0.0; // the real axis: points of the set, which never escape
    }
    // Shared with the kernel's thread (an Arc, not a leaked Box: the ASan run checks for leaks).
    let block = std::sync::Arc::new(common::block());
    let (tx, rx) = mpsc::channel();
    let kernel_block = std::sync::Arc::clone(&block);
    let kernel = std::thread::spawn(move || {
        let mut out = vec![0u32; 64 * height];
        let ctl = Control::new(Some(&kernel_block[..]), None);
        let _ = tx.send(mandelbrot::mandelbrot(&view, &mut out, threads, &ctl));
    });
    std::thread::sleep(Duration::from_millis(50));
    block[0].store(1, Ordering::Release);
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(r) => {
            assert_eq!(r, Err(RunError::Cancelled));
            kernel.join().unwrap();
        }
        Err(_) => {
            eprintln!("mandelbrot ignored the abort for 60 s");
            std::process::exit(1); // the kernel thread would run for hours
        }
    }
}

#[test]
fn abort_mid_row_of_the_only_row() {
    abort_mid_row(1, 1);
}

#[test]
fn abort_mid_row_with_several_threads() {
    abort_mid_row(64, 3);
}

#[test]
fn stop_is_polled_and_ends_the_row() {
    let view = mandelbrot::View::new(64, 64, i32::MAX as u32);
    let polls = std::cell::Cell::new(0);
    let mut out = vec![0u32; 64];
    let stop = || {
        polls.set(polls.get() + 1);
        polls.get() > 3
    };
    assert!(!mandelbrot::row_with_stop(&view, 32, &mut out, &stop));
    assert_eq!(polls.get(), 4);
}
