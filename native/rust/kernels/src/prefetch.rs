//! Prefetching a streaming read across 4 KiB pages. The hardware prefetchers stop at every page
//! boundary, so a long read of memory in 4 KiB pages (what a V8 ArrayBuffer gets) stalls on each
//! new page's TLB walk and first lines. Touching one line of the page 16 pages ahead, once a
//! page, starts that work early (bench/native/bandwidth.mjs measures the effect; the C++ twin is
//! native/cpp/support/prefetch.h).

/// Doubles in one 4 KiB page.
pub const PAGE_DOUBLES: usize = 512;
/// How far ahead to touch: 16 pages.
pub const PREFETCH_AHEAD_DOUBLES: usize = 16 * PAGE_DOUBLES;

/// Hints that `p + ahead` will be read soon. A prefetch never faults, so the address may lie
/// past the end of the slice `p` points into; it is formed with `wrapping_add` and never read.
#[inline(always)]
pub fn prefetch_ahead(p: *const f64, ahead: usize) {
    let at = p.wrapping_add(ahead);
    #[cfg(target_arch = "x86_64")]
    // SAFETY: PREFETCHT0 is SSE (baseline on x86-64), reads nothing and cannot fault.
    unsafe {
        use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(at.cast::<i8>());
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: PRFM is a hint: it reads nothing architecturally and cannot fault.
    unsafe {
        core::arch::asm!("prfm pldl1keep, [{0}]", in(reg) at, options(nostack, readonly, preserves_flags));
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    let _ = at;
}
