use crate::args::{self, throw};
use crate::async_call;
use multicore_kernels::sort as kernel;
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

/// sort(x: Float64Array, threads, control?) → Promise<void> (in place, Float64Array#sort order)
#[napi(
    catch_unwind,
    ts_args_type = "x: Float64Array, threads: number, control?: Int32Array | null",
    ts_return_type = "Promise<void>"
)]
pub fn sort<'e>(
    env: &'e Env,
    x: Unknown<'e>,
    threads: Unknown<'e>,
    control: Option<Unknown<'e>>,
) -> Result<Object<'e>> {
    let checked =
        (|| Ok((args::typed::<f64>(env, &x, "x")?, args::threads(env, &threads)?, args::control(env, &control)?)))();
    let (x, threads, control) = checked.map_err(|e| throw(env, e))?;
    let xd = x.data;
    async_call::spawn_kernel(env, &[x.value], control, move |ctl| {
        // SAFETY: x is pinned until the promise settles.
        kernel::sort(unsafe { xd.slice(0, xd.len()) }, threads, ctl)
    })
}
