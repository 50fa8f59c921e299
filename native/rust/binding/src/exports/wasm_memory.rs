//! wasm build only: buffers inside the module's own (shared) memory, for the JS loader.
//!
//! A kernel can only read wasm memory. emnapi's implicit answer (copy a typed array's whole
//! ArrayBuffer into a malloc'd block cached per buffer until GC, copy back only on request)
//! breaks the control block (JS's cancel flag and the progress counters live in a JS
//! SharedArrayBuffer the kernel would only see a copy of) and makes calls on different views of
//! one buffer share a copy. So the loader (`src/native/wasm.ts`) allocates one block per array
//! per call here, copies inputs in, passes views of wasm memory (emnapi hands their address
//! through without copying), copies outputs back and frees the blocks.

use crate::args::{self, throw, ArgError};
use napi::{sys, Env, Result, Unknown};
use napi_derive::napi;
use std::alloc::{alloc, dealloc, Layout};
use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::Mutex;

extern "C" {
    // emnapi: a typed array of `type` viewing wasm memory at `data` (no copy).
    fn emnapi_create_memory_view(
        env: sys::napi_env,
        typedarray_type: i32,
        data: *mut c_void,
        byte_length: usize,
        finalize_cb: sys::napi_finalize,
        finalize_hint: *mut c_void,
        result: *mut sys::napi_value,
    ) -> sys::napi_status;
}

/// Live blocks by address, so that `wasmFree` of anything else is an error, never UB.
static LIVE: Mutex<Option<HashMap<usize, Layout>>> = Mutex::new(None);

/// Element kinds: 0 Float64Array, 1 Uint32Array, 2 Int32Array.
const KINDS: [(i32, usize); 3] = [
    (sys::TypedarrayType::float64_array as i32, 8),
    (sys::TypedarrayType::uint32_array as i32, 4),
    (sys::TypedarrayType::int32_array as i32, 4),
];

/// wasmAlloc(kind, length) → a typed array over a new block of wasm memory (uninitialised).
#[napi(
    catch_unwind,
    ts_args_type = "kind: 0 | 1 | 2, length: number",
    ts_return_type = "Float64Array | Uint32Array | Int32Array"
)]
pub fn wasm_alloc<'e>(env: &'e Env, kind: Unknown<'e>, length: Unknown<'e>) -> Result<Unknown<'e>> {
    let checked = (|| {
        let k = args::integer(env, &kind, "kind", 0.0, 2.0)? as usize;
        // A memory view is at most 2^31 − 1 bytes.
        let n = args::integer(env, &length, "length", 1.0, (args::MAX_I32 as usize / KINDS[k].1) as f64)? as usize;
        Ok((KINDS[k], n))
    })();
    let ((ty, size), n) = checked.map_err(|e| throw(env, e))?;
    let bytes = n * size;
    let layout =
        Layout::from_size_align(bytes, 8).map_err(|_| throw(env, ArgError::Range("length is too large".into())))?;
    // SAFETY: layout has a non-zero size.
    let ptr = unsafe { alloc(layout) };
    if ptr.is_null() {
        let msg = format!("cannot allocate {bytes} bytes of wasm memory (the 4 GiB address space is full)");
        return Err(throw(env, ArgError::Range(msg)));
    }
    let mut view = std::ptr::null_mut();
    let status =
        unsafe { emnapi_create_memory_view(env.raw(), ty, ptr.cast(), bytes, None, std::ptr::null_mut(), &mut view) };
    if status != sys::Status::napi_ok {
        unsafe { dealloc(ptr, layout) };
        return Err(napi::Error::new(napi::Status::GenericFailure, "emnapi_create_memory_view failed"));
    }
    LIVE.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashMap::new).insert(ptr as usize, layout);
    Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), view) })
}

/// wasmFree(address) → void: frees a block from `wasmAlloc` (address = the view's byteOffset).
#[napi(catch_unwind, ts_args_type = "address: number", ts_return_type = "void")]
pub fn wasm_free(env: &Env, address: Unknown<'_>) -> Result<()> {
    let addr = args::integer(env, &address, "address", 0.0, u32::MAX as f64).map_err(|e| throw(env, e))? as usize;
    let layout = LIVE.lock().unwrap_or_else(|e| e.into_inner()).as_mut().and_then(|m| m.remove(&addr));
    match layout {
        // SAFETY: allocated by `wasm_alloc` with this layout, removed from LIVE exactly once.
        Some(layout) => unsafe { dealloc(addr as *mut u8, layout) },
        None => return Err(throw(env, ArgError::Range(format!("address {addr} is not a live wasmAlloc block")))),
    }
    Ok(())
}

/// setPoolThreads(n) → whether it still applies (the pool is created on first use). WASI has no
/// way to ask for the core count, so the loader passes `os.availableParallelism()`.
#[napi(catch_unwind, ts_args_type = "threads: number", ts_return_type = "boolean")]
pub fn set_pool_threads(env: &Env, threads: Unknown<'_>) -> Result<bool> {
    let n = args::threads(env, &threads).map_err(|e| throw(env, e))?;
    Ok(multicore_kernels::pool::set_default_threads(n))
}
