//! The sort's kept scratch buffer (src/sort_scratch.rs). Its own test binary: the tests of one
//! binary run on parallel threads, and another test's sort would take the kept buffer.
#![cfg(target_os = "linux")]

use multicore_kernels::sort_scratch::{kept_bytes, Scratch};

#[test]
fn scratch_keeps_the_last_buffer_for_one_that_fits() {
    let first = {
        let mut a = Scratch::new(1 << 20).unwrap();
        let p = a.shared();
        unsafe { p.slice(0, 1)[0] = 42 };
        unsafe { p.slice(0, 0) }.as_mut_ptr() as usize
    };
    assert_eq!(kept_bytes(), 8 << 20, "released: kept");
    let mut smaller = Scratch::new(1 << 19).unwrap();
    let s = smaller.shared();
    assert_eq!(unsafe { s.slice(0, 0) }.as_mut_ptr() as usize, first, "handed back, not mapped afresh");
    assert_eq!(kept_bytes(), 0, "taken");
    let mut second = Scratch::new(1 << 19).unwrap();
    let t = second.shared();
    assert_ne!(unsafe { t.slice(0, 0) }.as_mut_ptr() as usize, first, "the kept one is taken: a fresh buffer");
    drop((smaller, second));
    assert_eq!(kept_bytes(), 4 << 20, "one kept, the last released");
    let big = Scratch::new((256 << 20) / 8 + 1).unwrap();
    drop(big);
    // The kept buffer was too small for it (unmapped), and one over KEEP_BYTES is not kept.
    assert_eq!(kept_bytes(), 0, "a buffer over KEEP_BYTES is unmapped, not kept");
}
