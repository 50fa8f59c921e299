//! Argument checking. The TS layer validates first; the binding checks again so that no input
//! can crash the process: wrong JS type → TypeError, out of range → RangeError, each naming
//! the argument (`threads must be an integer in 1..256, got 0`, `x is detached`).

use multicore_kernels::shared::SharedMut;
use napi::{sys, Env, Error, JsValue, Status, Unknown};
use std::ptr;

pub enum ArgError {
    Type(String),
    Range(String),
}

/// Throws the error as a JS TypeError / RangeError and returns the matching napi error.
pub fn throw(env: &Env, e: ArgError) -> Error {
    let thrown = match &e {
        ArgError::Type(m) => env.throw_type_error(m, None),
        ArgError::Range(m) => env.throw_range_error(m, None),
    };
    match thrown {
        Ok(()) => Error::from_status(Status::PendingException),
        Err(err) => err,
    }
}

pub type ArgResult<T> = std::result::Result<T, ArgError>;

/// A number as JS would print it in a message.
fn js_num(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else if v.abs() < 1e21 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

fn type_of(env: &Env, v: &Unknown<'_>) -> sys::napi_valuetype {
    let mut t = 0;
    unsafe { sys::napi_typeof(env.raw(), v.raw(), &mut t) };
    t
}

fn number(env: &Env, v: &Unknown<'_>, name: &str) -> ArgResult<f64> {
    if type_of(env, v) != sys::ValueType::napi_number {
        return Err(ArgError::Type(format!("{name} must be a number, got {}", describe(env, v))));
    }
    let mut out = 0.0;
    unsafe { sys::napi_get_value_double(env.raw(), v.raw(), &mut out) };
    Ok(out)
}

/// What a wrong value is, for messages: the typed-array kind, `null`, or its `typeof`.
fn describe(env: &Env, v: &Unknown<'_>) -> &'static str {
    let mut is_ta = false;
    unsafe { sys::napi_is_typedarray(env.raw(), v.raw(), &mut is_ta) };
    if is_ta {
        let (mut kind, mut len, mut data, mut ab, mut off) = (0, 0usize, ptr::null_mut(), ptr::null_mut(), 0usize);
        unsafe { sys::napi_get_typedarray_info(env.raw(), v.raw(), &mut kind, &mut len, &mut data, &mut ab, &mut off) };
        use sys::TypedarrayType as T;
        return match kind {
            T::int8_array => "Int8Array",
            T::uint8_array => "Uint8Array",
            T::uint8_clamped_array => "Uint8ClampedArray",
            T::int16_array => "Int16Array",
            T::uint16_array => "Uint16Array",
            T::int32_array => "Int32Array",
            T::uint32_array => "Uint32Array",
            T::float32_array => "Float32Array",
            T::float64_array => "Float64Array",
            T::bigint64_array => "BigInt64Array",
            T::biguint64_array => "BigUint64Array",
            _ => "a typed array",
        };
    }
    use sys::ValueType as V;
    match type_of(env, v) {
        V::napi_undefined => "undefined",
        V::napi_null => "null",
        V::napi_boolean => "boolean",
        V::napi_number => "number",
        V::napi_string => "string",
        V::napi_symbol => "symbol",
        V::napi_function => "function",
        V::napi_bigint => "bigint",
        _ => "object",
    }
}

/// An integer in `min..=max` (as f64 so that 2^53−1 fits).
pub fn integer(env: &Env, v: &Unknown<'_>, name: &str, min: f64, max: f64) -> ArgResult<u64> {
    let range = format!("an integer in {}..{}", js_num(min), js_num(max));
    let x = number(env, v, name)?;
    if !x.is_finite() || x.fract() != 0.0 || x < min || x > max {
        return Err(ArgError::Range(format!("{name} must be {range}, got {}", js_num(x))));
    }
    Ok(x as u64)
}

pub const MAX_SAFE: f64 = 9007199254740991.0; // 2^53 − 1
pub const MAX_I32: f64 = 2147483647.0;

pub fn threads(env: &Env, v: &Unknown<'_>) -> ArgResult<usize> {
    integer(env, v, "threads", 1.0, multicore_kernels::MAX_THREADS as f64).map(|t| t as usize)
}

/// Any finite double (for the mandelbrot rectangle).
pub fn finite(env: &Env, v: &Unknown<'_>, name: &str) -> ArgResult<f64> {
    let x = number(env, v, name)?;
    if !x.is_finite() {
        return Err(ArgError::Range(format!("{name} must be a finite number, got {}", js_num(x))));
    }
    Ok(x)
}

/// A typed array's memory, validated.
pub struct TypedView<T> {
    pub value: sys::napi_value,
    pub data: SharedMut<T>,
}

impl<T> TypedView<T> {
    pub fn len(&self) -> usize {
        self.data.len()
    }
    pub fn addr_range(&self) -> (usize, usize) {
        let start = unsafe { self.data.slice_ref(0, 0) }.as_ptr() as usize;
        (start, start + self.len() * std::mem::size_of::<T>())
    }
    pub fn overlaps<U>(&self, other: &TypedView<U>) -> bool {
        let (a0, a1) = self.addr_range();
        let (b0, b1) = other.addr_range();
        a0 < b1 && b0 < a1
    }
}

pub trait Element {
    const KIND: sys::napi_typedarray_type;
    const NAME: &'static str;
}
impl Element for f64 {
    const KIND: sys::napi_typedarray_type = sys::TypedarrayType::float64_array;
    const NAME: &'static str = "a Float64Array";
}
impl Element for u32 {
    const KIND: sys::napi_typedarray_type = sys::TypedarrayType::uint32_array;
    const NAME: &'static str = "a Uint32Array";
}
impl Element for i32 {
    const KIND: sys::napi_typedarray_type = sys::TypedarrayType::int32_array;
    const NAME: &'static str = "an Int32Array";
}

/// "resizable" / "growable" when the buffer can change length: JS may shrink (and free) a
/// resizable ArrayBuffer while an async kernel works on it, so such views are refused (SPEC.md
/// "Fixed-length buffers only"); growable SharedArrayBuffers by the same rule.
fn unstable_length(e: sys::napi_env, buffer: sys::napi_value) -> Option<&'static str> {
    for (key, c_key) in [("resizable", c"resizable"), ("growable", c"growable")] {
        let mut v = ptr::null_mut();
        if unsafe { sys::napi_get_named_property(e, buffer, c_key.as_ptr(), &mut v) } != sys::Status::napi_ok {
            continue;
        }
        let mut t = 0;
        unsafe { sys::napi_typeof(e, v, &mut t) };
        let mut b = false;
        if t == sys::ValueType::napi_boolean {
            unsafe { sys::napi_get_value_bool(e, v, &mut b) };
        }
        if b {
            return Some(key);
        }
    }
    None
}

/// A typed array of element type `T` (exact kind), not detached, over a fixed-length buffer.
pub fn typed<T: Element>(env: &Env, v: &Unknown<'_>, name: &str) -> ArgResult<TypedView<T>> {
    let wrong = || ArgError::Type(format!("{name} must be {}, got {}", T::NAME, describe(env, v)));
    let (e, raw) = (env.raw(), v.raw());
    let mut is_ta = false;
    if unsafe { sys::napi_is_typedarray(e, raw, &mut is_ta) } != sys::Status::napi_ok || !is_ta {
        return Err(wrong());
    }
    let (mut kind, mut len, mut data, mut ab, mut off) = (0, 0usize, ptr::null_mut(), ptr::null_mut(), 0usize);
    if unsafe { sys::napi_get_typedarray_info(e, raw, &mut kind, &mut len, &mut data, &mut ab, &mut off) }
        != sys::Status::napi_ok
        || kind != T::KIND
    {
        return Err(wrong());
    }
    if let Some(k) = unstable_length(e, ab) {
        let what = if k == "resizable" { "ArrayBuffer" } else { "SharedArrayBuffer" };
        return Err(ArgError::Type(format!("{name} must be over a fixed-length buffer, got a view of a {k} {what}")));
    }
    // The getters read above are user-replaceable JS: take the pointer and length after them.
    unsafe { sys::napi_get_typedarray_info(e, raw, &mut kind, &mut len, &mut data, &mut ab, &mut off) };
    let mut detached = false;
    unsafe { sys::napi_is_detached_arraybuffer(e, ab, &mut detached) };
    if detached {
        return Err(ArgError::Type(format!("{name} is detached")));
    }
    let ptr = if len == 0 || data.is_null() { ptr::NonNull::<T>::dangling().as_ptr() } else { data as *mut T };
    let len = if data.is_null() { 0 } else { len };
    // SAFETY: V8 reported `len` elements at `ptr`; the caller pins the array for the call.
    Ok(TypedView { value: raw, data: unsafe { SharedMut::from_raw(ptr, len) } })
}

/// The optional control block: undefined/null → None, else an Int32Array of length ≥ 4.
pub fn control(env: &Env, v: &Option<Unknown<'_>>) -> ArgResult<Option<TypedView<i32>>> {
    let Some(v) = v else { return Ok(None) };
    let t = type_of(env, v);
    if t == sys::ValueType::napi_undefined || t == sys::ValueType::napi_null {
        return Ok(None);
    }
    let view = typed::<i32>(env, v, "control")?;
    if view.len() < 4 {
        return Err(ArgError::Range(format!("control.length must be at least 4, got {}", view.len())));
    }
    Ok(Some(view))
}

/// Checks `name.length == want` (RangeError: `out.length must be x.length = 4, got 5`).
pub fn length<T>(v: &TypedView<T>, want: u64, name: &str, what: &str) -> ArgResult<()> {
    if v.len() as u64 != want {
        return Err(ArgError::Range(format!("{name}.length must be {what} = {want}, got {}", v.len())));
    }
    Ok(())
}

/// The control block as atomics (for the kernels' `Control`).
///
/// # Safety
/// The Int32Array must stay pinned (and its memory valid) for `'a`.
pub unsafe fn control_block<'a>(c: &Option<SharedMut<i32>>) -> Option<&'a [std::sync::atomic::AtomicI32]> {
    c.as_ref().map(|d| {
        let s = d.slice_ref(0, d.len());
        std::slice::from_raw_parts(s.as_ptr() as *const std::sync::atomic::AtomicI32, s.len())
    })
}
