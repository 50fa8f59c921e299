//! `scheduler::helper_chunks()`: the counter behind `stats().helperChunks`, the evidence the wasm
//! tests use that `threads > 1` really ran chunks on another thread. Its own test binary, so no
//! other test moves the process-wide counter meanwhile.

use multicore_kernels::scheduler::helper_chunks;
use multicore_kernels::{for_each_chunk, pool, Control};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

#[test]
fn counts_chunks_run_by_helpers_only() {
    let ran = AtomicUsize::new(0);
    let before = helper_chunks();
    for_each_chunk(1, 500, &Control::none(), |_| {
        ran.fetch_add(1, Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(ran.load(Ordering::Relaxed), 500);
    assert_eq!(helper_chunks(), before, "threads = 1 runs everything on the caller");

    // 200 chunks of 1 ms: the one helper (the caller is not a pool thread) surely claims some.
    assert!(pool::pool_threads() >= 1);
    for_each_chunk(2, 200, &Control::none(), |_| std::thread::sleep(Duration::from_millis(1))).unwrap();
    let helped = helper_chunks() - before;
    assert!(helped > 0 && helped <= 200, "helper ran {helped} of 200 chunks");

    // The pool exists now: a later default size no longer applies.
    assert!(!pool::set_default_threads(3));
}
