//! The control block shared with JavaScript (SPEC "Control block") plus an internal stop flag.
//!
//! `block[0]` cancel flag (JS stores 1), `block[1]` chunks done, `block[2]` total chunks,
//! `block[3]` reserved. The internal `stop` flag lets the binding stop a job on its own, e.g.
//! when the JS environment that started it is being torn down (a worker thread exiting).

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// Cancellation and progress for one kernel call. `Control::none()` ignores both.
#[derive(Clone, Copy, Default)]
pub struct Control<'a> {
    block: Option<&'a [AtomicI32]>,
    stop: Option<&'a AtomicBool>,
}

impl<'a> Control<'a> {
    /// No cancellation, no progress.
    pub const fn none() -> Self {
        Control { block: None, stop: None }
    }

    /// `block` must have at least 4 elements (shorter blocks are ignored).
    pub fn new(block: Option<&'a [AtomicI32]>, stop: Option<&'a AtomicBool>) -> Self {
        Control { block: block.filter(|b| b.len() >= 4), stop }
    }

    /// True once JS stored a non-zero cancel flag or the internal stop flag was raised.
    #[inline]
    pub fn cancelled(&self) -> bool {
        if let Some(stop) = self.stop {
            if stop.load(Ordering::Relaxed) {
                return true;
            }
        }
        match self.block {
            Some(b) => b[0].load(Ordering::Acquire) != 0,
            None => false,
        }
    }

    /// Stores the total chunk count (saturated at i32::MAX) before any work starts.
    pub fn set_total(&self, total: u64) {
        if let Some(b) = self.block {
            b[2].store(total.min(i32::MAX as u64) as i32, Ordering::Release);
        }
    }

    /// Adds one finished chunk (saturating at i32::MAX, so a huge call never wraps negative).
    #[inline]
    pub fn chunk_done(&self) {
        if let Some(b) = self.block {
            let _ =
                b[1].fetch_update(
                    Ordering::AcqRel,
                    Ordering::Relaxed,
                    |v| {
                        if v < i32::MAX {
                            Some(v + 1)
                        } else {
                            None
                        }
                    },
                );
        }
    }
}
