//! multicore-kernels: the compute kernels of multicore's Rust backend, in plain Rust (no Node-API).
//!
//! Every kernel follows `native/SPEC.md` exactly, so its results are bit-identical with the
//! TypeScript and C++ versions at every thread count: work is cut into fixed chunks whose
//! boundaries depend only on the input size, threads take chunks dynamically, and per-chunk
//! partial results are combined in chunk order on one thread.
//!
//! Each kernel module exposes its chunk-level API (chunk count, run one chunk) and a
//! "whole thing on N threads" function that takes a [`Control`] (cancel flag and progress).

pub mod control;
pub mod pool;
pub mod prefetch;
pub mod scheduler;
pub mod shared;
#[macro_use]
pub mod simd;

pub mod count_primes;
pub mod mandelbrot;
pub mod matmul;
pub mod monte_carlo_pi;
pub mod sort;
pub mod sort_scratch;
pub mod square;
pub mod sum_squares;

pub use control::Control;
pub use scheduler::{for_each_chunk, RunError};

/// The largest `threads` value any kernel accepts (SPEC: 1..=256).
pub const MAX_THREADS: usize = 256;
