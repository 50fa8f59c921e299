//! The persistent thread pool of the Rust backend: one process-wide rayon-core pool, created
//! lazily on first use and shared by every JS environment (main thread and workers).
//!
//! A call's `threads` argument is a *participants limit* on this single pool (see
//! `scheduler.rs`), not a pool of its own: thread count never multiplies with concurrent calls.
//! Size: `MULTICORE_RUST_POOL_THREADS` if set (1..=256), else the available parallelism, else
//! the default set by [`set_default_threads`] (the wasm build: WASI cannot report the core
//! count, so the JS loader passes `os.availableParallelism()`), else 1.

use rayon_core::{ThreadPool, ThreadPoolBuilder};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

static POOL: OnceLock<Option<ThreadPool>> = OnceLock::new();
static DEFAULT_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Sets the pool size used when neither the environment variable nor the OS gives one.
/// Only has an effect before the pool is created; returns whether it can still apply.
pub fn set_default_threads(n: usize) -> bool {
    DEFAULT_THREADS.store(n.clamp(1, crate::MAX_THREADS), Ordering::Relaxed);
    POOL.get().is_none()
}

fn wanted_threads() -> usize {
    if let Ok(v) = std::env::var("MULTICORE_RUST_POOL_THREADS") {
        if let Ok(n) = v.trim().parse::<usize>() {
            if (1..=crate::MAX_THREADS).contains(&n) {
                return n;
            }
        }
    }
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or_else(|_| DEFAULT_THREADS.load(Ordering::Relaxed).max(1))
}

/// The pool, or `None` if the OS refused to start its threads (then calls run on the caller).
pub fn pool() -> Option<&'static ThreadPool> {
    POOL.get_or_init(|| {
        ThreadPoolBuilder::new()
            .num_threads(wanted_threads())
            .thread_name(|i| format!("multicore-rs-{i}"))
            // Every job we spawn catches its own panics; this only keeps rayon from aborting.
            .panic_handler(|_| {})
            .build()
            .ok()
    })
    .as_ref()
}

/// Number of threads in the pool (0 if it could not be created).
pub fn pool_threads() -> usize {
    pool().map(|p| p.current_num_threads()).unwrap_or(0)
}

/// True when the current thread is one of the pool's workers.
pub fn on_pool_thread() -> bool {
    pool().and_then(|p| p.current_thread_index()).is_some()
}

/// Runs `f` on the pool without waiting for it (fire and forget). `f` must not panic out:
/// wrap the work in `catch_unwind` (the scheduler and the binding do).
pub fn spawn<F: FnOnce() + Send + 'static>(f: F) {
    match pool() {
        Some(p) => p.spawn(f),
        None => {
            // No pool: a plain thread still keeps the caller (the JS thread) free.
            let _ = std::thread::Builder::new().name("multicore-rs-fallback".into()).spawn(f);
        }
    }
}
