use napi_derive::napi;

#[napi(object)]
pub struct Stats {
    /// Chunks run by helper threads (not the calling thread) since the addon loaded, all calls
    /// together: grows only when a call really used more than one thread.
    pub helper_chunks: f64,
    pub pool_threads: u32,
}

/// stats() → { helperChunks, poolThreads } (scheduler counters, for tests and diagnostics)
#[napi(catch_unwind)]
pub fn stats() -> Stats {
    Stats {
        helper_chunks: multicore_kernels::scheduler::helper_chunks() as f64,
        pool_threads: multicore_kernels::pool::pool_threads() as u32,
    }
}
