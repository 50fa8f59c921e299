//! The radix sort's scratch buffer (n keys), kept for the next sort.
//!
//! A fresh buffer of n keys is n / 512 huge-page faults, each zeroing 2 MiB. On a VM whose host
//! takes free memory back (free page reporting), those pages arrive cold and zeroing them measured
//! up to the whole sort's time again (a 2·10^6 sort: 45 ms of user time, 4 to 46 ms of system time,
//! varying run to run). So the buffer of the last sort is kept (one, at most [`KEEP_BYTES`]) and
//! handed to the next one that fits, with MADV_FREE in between: the kernel may still reclaim it
//! under memory pressure, and a sort writing to reclaimed pages just faults them in again.
//! The C++ backend does the same (native/cpp/kernels/sort_scratch.h).

use crate::shared::SharedMut;

pub const KEEP_BYTES: usize = 256 << 20;

/// Room for at least `len` keys; contents undefined.
pub struct Scratch {
    ptr: *mut u64,
    len: usize,
    #[cfg(target_os = "linux")]
    bytes: usize, // the mapping's size (may exceed len keys)
    #[cfg(not(target_os = "linux"))]
    _vec: Vec<u64>,
}

#[cfg(target_os = "linux")]
mod sys {
    use std::ffi::c_void;
    extern "C" {
        pub fn mmap(addr: *mut c_void, len: usize, prot: i32, flags: i32, fd: i32, off: i64) -> *mut c_void;
        pub fn munmap(addr: *mut c_void, len: usize) -> i32;
        pub fn madvise(addr: *mut c_void, len: usize, advice: i32) -> i32;
    }
    pub const PROT_READ_WRITE: i32 = 0x1 | 0x2;
    pub const MAP_PRIVATE_ANONYMOUS: i32 = 0x02 | 0x20;
    pub const MADV_FREE: i32 = 8;
    pub const MADV_HUGEPAGE: i32 = 14;
}

/// The last released mapping (address, bytes), or (0, 0).
#[cfg(target_os = "linux")]
static KEPT: std::sync::Mutex<(usize, usize)> = std::sync::Mutex::new((0, 0));

/// The size of the buffer kept for the next sort (0: none).
#[cfg(target_os = "linux")]
pub fn kept_bytes() -> usize {
    KEPT.lock().unwrap_or_else(|e| e.into_inner()).1
}

#[cfg(target_os = "linux")]
fn unmap(addr: usize, bytes: usize) {
    // SAFETY: a mapping of ours that nothing else refers to any more.
    unsafe { sys::munmap(addr as *mut std::ffi::c_void, bytes) };
}

impl Scratch {
    #[cfg(target_os = "linux")]
    pub fn new(len: usize) -> Option<Scratch> {
        let bytes = len.checked_mul(8)?;
        let kept = std::mem::take(&mut *KEPT.lock().unwrap_or_else(|e| e.into_inner()));
        if kept.0 != 0 && kept.1 >= bytes {
            return Some(Scratch { ptr: kept.0 as *mut u64, len, bytes: kept.1 });
        }
        if kept.0 != 0 {
            unmap(kept.0, kept.1);
        }
        // SAFETY: a fresh anonymous mapping, unmapped (or kept) in Drop.
        let p =
            unsafe { sys::mmap(std::ptr::null_mut(), bytes, sys::PROT_READ_WRITE, sys::MAP_PRIVATE_ANONYMOUS, -1, 0) };
        if p as isize == -1 {
            return None;
        }
        unsafe { sys::madvise(p, bytes, sys::MADV_HUGEPAGE) }; // advice only: fine if THP is off
        Some(Scratch { ptr: p as *mut u64, len, bytes })
    }

    #[cfg(not(target_os = "linux"))]
    pub fn new(len: usize) -> Option<Scratch> {
        let mut v: Vec<u64> = Vec::new();
        v.try_reserve_exact(len).ok()?;
        v.resize(len, 0);
        Some(Scratch { ptr: v.as_mut_ptr(), len, _vec: v })
    }

    pub fn shared(&mut self) -> SharedMut<u64> {
        // SAFETY: ptr is valid for len keys for as long as self lives.
        unsafe { SharedMut::from_raw(self.ptr, self.len) }
    }
}

#[cfg(target_os = "linux")]
impl Drop for Scratch {
    fn drop(&mut self) {
        if self.bytes > KEEP_BYTES {
            unmap(self.ptr as usize, self.bytes);
            return;
        }
        // SAFETY: our mapping; its contents are not needed any more.
        unsafe { sys::madvise(self.ptr as *mut std::ffi::c_void, self.bytes, sys::MADV_FREE) };
        let old =
            std::mem::replace(&mut *KEPT.lock().unwrap_or_else(|e| e.into_inner()), (self.ptr as usize, self.bytes));
        if old.0 != 0 {
            unmap(old.0, old.1);
        }
    }
}
