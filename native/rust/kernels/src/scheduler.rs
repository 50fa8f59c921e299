//! Chunk scheduler: runs `body(c)` for every chunk `c` in `0..n` with at most `threads`
//! participants, taking chunks dynamically from an atomic "next chunk" counter.
//!
//! The calling thread is always a participant; up to `threads - 1` helpers are spawned on the
//! pool. The caller waits only for chunks that were *claimed* to finish, never for a helper
//! to start: a helper that starts late finds the counter exhausted and touches nothing but the
//! reference-counted `Job`. That is what makes this safe to call from a pool worker (an async
//! call's driver) without deadlocks, and keeps a sync call from waiting behind queued jobs.
//!
//! Cancellation: a participant checks [`Control::cancelled`] after claiming a chunk and before
//! running it; on cancel it *closes* the counter, settling every unclaimed chunk at once.
//! A panic in `body` is caught, closes the counter the same way and is reported as an error.

use crate::control::Control;
use crate::pool;
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

/// Why a kernel did not produce its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// The control block's cancel flag (or the internal stop flag) was raised.
    Cancelled,
    /// A bug: a chunk panicked. The message is the panic payload.
    Panicked(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Cancelled => write!(f, "The operation was aborted"),
            RunError::Panicked(m) => write!(f, "internal error in a Rust kernel: {m}"),
        }
    }
}

impl std::error::Error for RunError {}

/// Turns a panic payload into a message.
pub fn panic_message(p: &(dyn Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

/// Chunks run by helpers (participants other than the caller) since the process started: the
/// evidence that `threads > 1` really used more than one thread (`stats().helperChunks`).
static HELPER_CHUNKS: AtomicU64 = AtomicU64::new(0);

/// How many chunks helpers ran so far (all calls, all kernels).
pub fn helper_chunks() -> u64 {
    HELPER_CHUNKS.load(Ordering::Relaxed)
}

const CLOSED: usize = usize::MAX / 2;
const OK: u8 = 0;
const CANCELLED: u8 = 1;
const PANICKED: u8 = 2;

type Body = dyn Fn(usize) + Sync;

struct Job {
    next: AtomicUsize,
    n: usize,
    settled: AtomicUsize,
    state: AtomicU8,
    panic: Mutex<Option<String>>,
    done: Mutex<bool>,
    cv: Condvar,
    // Lifetime-erased borrows of the caller's body and control. Only dereferenced between a
    // successful claim (c < n) and the settle of that chunk, while the caller is still waiting.
    body: *const Body,
    ctl: *const Control<'static>,
}

// SAFETY: the raw pointers are only dereferenced under the claim protocol described above;
// `Body` is `Sync` and `Control` holds only atomics.
unsafe impl Send for Job {}
unsafe impl Sync for Job {}

impl Job {
    fn settle(&self, k: usize) {
        if k == 0 {
            return;
        }
        let prev = self.settled.fetch_add(k, Ordering::AcqRel);
        if prev + k == self.n {
            let mut d = self.done.lock().unwrap_or_else(|e| e.into_inner());
            *d = true;
            self.cv.notify_all();
        }
    }

    /// Closes the counter; returns how many chunks were never claimed.
    fn close(&self) -> usize {
        let old = self.next.swap(CLOSED, Ordering::AcqRel);
        self.n.saturating_sub(old)
    }

    fn participate(&self, helper: bool) {
        loop {
            let c = self.next.fetch_add(1, Ordering::AcqRel);
            if c >= self.n {
                return;
            }
            // SAFETY: chunk c is claimed and not yet settled, so the caller is still waiting.
            let ctl = unsafe { &*self.ctl };
            if ctl.cancelled() {
                let _ = self.state.compare_exchange(OK, CANCELLED, Ordering::AcqRel, Ordering::Relaxed);
                self.settle(1 + self.close());
                return;
            }
            let body = unsafe { &*self.body };
            if let Err(p) = catch_unwind(AssertUnwindSafe(|| body(c))) {
                *self.panic.lock().unwrap_or_else(|e| e.into_inner()) = Some(panic_message(&*p));
                self.state.store(PANICKED, Ordering::Release);
                self.settle(1 + self.close());
                return;
            }
            ctl.chunk_done();
            if helper {
                HELPER_CHUNKS.fetch_add(1, Ordering::Relaxed);
            }
            self.settle(1);
        }
    }

    fn wait(&self) {
        let mut d = self.done.lock().unwrap_or_else(|e| e.into_inner());
        while !*d {
            d = self.cv.wait(d).unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// How many helpers to spawn for a call with `threads` participants and `n` chunks.
fn helper_count(threads: usize, n: usize) -> usize {
    let pool_threads = pool::pool_threads();
    let available = if pool::on_pool_thread() { pool_threads.saturating_sub(1) } else { pool_threads };
    threads.saturating_sub(1).min(n.saturating_sub(1)).min(available)
}

/// Runs `body(c)` for `c` in `0..n` on up to `threads` threads (the caller included) and
/// returns when every chunk ran, or early with `Cancelled` / `Panicked`. Chunks already
/// running when a cancel arrives finish first. Does not touch the control block's total.
pub fn for_each_chunk<F>(threads: usize, n: usize, ctl: &Control<'_>, body: F) -> Result<(), RunError>
where
    F: Fn(usize) + Sync,
{
    if n == 0 {
        return if ctl.cancelled() { Err(RunError::Cancelled) } else { Ok(()) };
    }
    let body_ref: &(dyn Fn(usize) + Sync + '_) = &body;
    // SAFETY (lifetime erasure): see `Job` — the pointers are not used after `wait` returns.
    let job = Arc::new(Job {
        next: AtomicUsize::new(0),
        n,
        settled: AtomicUsize::new(0),
        state: AtomicU8::new(OK),
        panic: Mutex::new(None),
        done: Mutex::new(false),
        cv: Condvar::new(),
        body: unsafe { std::mem::transmute::<*const (dyn Fn(usize) + Sync + '_), *const Body>(body_ref as *const _) },
        ctl: (ctl as *const Control<'_>).cast::<Control<'static>>(),
    });
    for _ in 0..helper_count(threads.max(1), n) {
        let j = Arc::clone(&job);
        pool::spawn(move || j.participate(true));
    }
    job.participate(false);
    job.wait();
    match job.state.load(Ordering::Acquire) {
        OK => Ok(()),
        CANCELLED => Err(RunError::Cancelled),
        _ => Err(RunError::Panicked(job.panic.lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_default())),
    }
}

/// Runs a sequence of phases as one cancellable call: returns `Cancelled` if the control
/// block was cancelled before the call starts.
pub fn check(ctl: &Control<'_>) -> Result<(), RunError> {
    if ctl.cancelled() {
        Err(RunError::Cancelled)
    } else {
        Ok(())
    }
}
