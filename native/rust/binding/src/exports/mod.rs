//! One thin `#[napi]` file per kernel: check arguments, pin arrays, call the plain kernel.

mod count_primes;
mod info;
mod mandelbrot;
mod matmul;
mod monte_carlo_pi;
mod sort;
mod square;
mod stats;
mod sum_squares;
#[cfg(target_family = "wasm")]
mod wasm_memory;
