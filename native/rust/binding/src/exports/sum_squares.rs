use crate::args::{self, throw};
use crate::async_call;
use multicore_kernels::{sum_squares as kernel, Control};
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

/// sumSquares(x: Float64Array, threads, control?) → Promise<number>
#[napi(
    catch_unwind,
    ts_args_type = "x: Float64Array, threads: number, control?: Int32Array | null",
    ts_return_type = "Promise<number>"
)]
pub fn sum_squares<'e>(
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
        kernel::sum_squares(unsafe { xd.slice_ref(0, xd.len()) }, threads, ctl)
    })
}

/// sumSquaresSync(x: Float64Array, threads) → number
#[napi(catch_unwind, ts_args_type = "x: Float64Array, threads: number", ts_return_type = "number")]
pub fn sum_squares_sync(env: &Env, x: Unknown<'_>, threads: Unknown<'_>) -> Result<f64> {
    let checked = (|| Ok((args::typed::<f64>(env, &x, "x")?, args::threads(env, &threads)?)))();
    let (x, threads) = checked.map_err(|e| throw(env, e))?;
    // SAFETY: the array is alive for the duration of this synchronous call.
    let xs = unsafe { x.data.slice_ref(0, x.len()) };
    kernel::sum_squares(xs, threads, &Control::none()).map_err(async_call::sync_error)
}
