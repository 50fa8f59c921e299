//! Small helpers to hand disjoint parts of one buffer to several threads.

use std::sync::atomic::{AtomicU64, Ordering};

/// A raw `(ptr, len)` view of a mutable buffer that chunks write disjoint ranges of.
#[derive(Clone, Copy)]
pub struct SharedMut<T> {
    ptr: *mut T,
    len: usize,
}

// SAFETY: users only create disjoint sub-slices from different threads (see `slice`).
unsafe impl<T: Send> Send for SharedMut<T> {}
unsafe impl<T: Send> Sync for SharedMut<T> {}

impl<T> SharedMut<T> {
    pub fn new(s: &mut [T]) -> Self {
        SharedMut { ptr: s.as_mut_ptr(), len: s.len() }
    }

    /// # Safety
    /// `ptr` must be valid for `len` elements for as long as the view is used.
    pub unsafe fn from_raw(ptr: *mut T, len: usize) -> Self {
        SharedMut { ptr, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// # Safety
    /// No live mutable slice may overlap the returned range, and the buffer must outlive it.
    pub unsafe fn slice_ref(&self, start: usize, end: usize) -> &[T] {
        assert!(start <= end && end <= self.len, "SharedMut range out of bounds");
        std::slice::from_raw_parts(self.ptr.add(start), end - start)
    }

    /// # Safety
    /// No two live slices returned by this function may overlap, and the buffer must outlive them.
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn slice(&self, start: usize, end: usize) -> &mut [T] {
        assert!(start <= end && end <= self.len, "SharedMut range out of bounds");
        std::slice::from_raw_parts_mut(self.ptr.add(start), end - start)
    }
}

/// One f64 result slot per chunk, written by whichever thread ran the chunk.
pub struct ChunkResults {
    slots: Vec<AtomicU64>,
}

impl ChunkResults {
    pub fn new(n: usize) -> Self {
        ChunkResults { slots: (0..n).map(|_| AtomicU64::new(0)).collect() }
    }
    pub fn set(&self, c: usize, v: f64) {
        self.slots[c].store(v.to_bits(), Ordering::Relaxed);
    }
    pub fn get(&self, c: usize) -> f64 {
        f64::from_bits(self.slots[c].load(Ordering::Relaxed))
    }
}
