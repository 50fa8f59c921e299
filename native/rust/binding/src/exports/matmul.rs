use crate::args::{self, throw, ArgError};
use crate::async_call;
use multicore_kernels::matmul::{self as kernel, Dims};
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

/// matmul(a, b, out, m, k, n, threads, control?) → Promise<void>
#[napi(
    catch_unwind,
    ts_args_type = "a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number, threads: number, control?: Int32Array | null",
    ts_return_type = "Promise<void>"
)]
#[allow(clippy::too_many_arguments)]
pub fn matmul<'e>(
    env: &'e Env,
    a: Unknown<'e>,
    b: Unknown<'e>,
    out: Unknown<'e>,
    m: Unknown<'e>,
    k: Unknown<'e>,
    n: Unknown<'e>,
    threads: Unknown<'e>,
    control: Option<Unknown<'e>>,
) -> Result<Object<'e>> {
    let checked = (|| {
        let a = args::typed::<f64>(env, &a, "a")?;
        let b = args::typed::<f64>(env, &b, "b")?;
        let out = args::typed::<f64>(env, &out, "out")?;
        let d = Dims {
            m: args::integer(env, &m, "m", 0.0, args::MAX_I32)? as usize,
            k: args::integer(env, &k, "k", 0.0, args::MAX_I32)? as usize,
            n: args::integer(env, &n, "n", 0.0, args::MAX_I32)? as usize,
        };
        // Each size is < 2^31, so the u64 products cannot overflow; a product that does not fit
        // the array is reported as a length mismatch.
        let (m64, k64, n64) = (d.m as u64, d.k as u64, d.n as u64);
        args::length(&a, m64 * k64, "a", "m*k")?;
        args::length(&b, k64 * n64, "b", "k*n")?;
        args::length(&out, m64 * n64, "out", "m*n")?;
        if out.overlaps(&a) || out.overlaps(&b) {
            return Err(ArgError::Range("out must not overlap a or b".into()));
        }
        Ok((a, b, out, d, args::threads(env, &threads)?, args::control(env, &control)?))
    })();
    let (a, b, out, d, threads, control) = checked.map_err(|e| throw(env, e))?;
    let (ad, bd, od) = (a.data, b.data, out.data);
    async_call::spawn_kernel(env, &[a.value, b.value, out.value], control, move |ctl| {
        // SAFETY: pinned until the promise settles; out is disjoint from a and b.
        let (a, b, out) = unsafe { (ad.slice_ref(0, ad.len()), bd.slice_ref(0, bd.len()), od.slice(0, od.len())) };
        kernel::matmul(a, b, out, d, threads, ctl)
    })
}
