//! multicore_rust.node: the Node-API binding of `multicore-kernels` (see native/SPEC.md).
//!
//! Layout: `args` validates JS arguments (TypeError / RangeError naming the argument),
//! `keep_alive` pins typed arrays for a call, `env_jobs` tracks in-flight jobs per JS
//! environment (so a worker exiting mid-call stops and waits for its jobs before its memory
//! goes away), `async_call` runs a job on the kernels' pool and settles its promise from there,
//! and `exports/` holds one thin `#[napi]` file per kernel. No JS state lives in statics: the
//! addon is context-aware and loads in the main thread and any number of workers.

// napi-derive registers the #[napi] exports only outside cfg(test), so in the (empty) test build of
// this crate, which `cargo clippy --all-targets` checks, every function looks unused.
#![cfg_attr(test, allow(dead_code))]

mod args;
mod async_call;
mod env_jobs;
mod keep_alive;

mod exports;
