use crate::args::{self, control_block, throw};
use crate::{async_call, keep_alive::KeepAlive};
use multicore_kernels::{sum_squares as kernel, Control};
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

/// sumSquares(x: Float64Array, threads, control?) → Promise<number>
#[napi(catch_unwind, ts_args_type = "x: Float64Array, threads: number, control?: Int32Array | null", ts_return_type = "Promise<number>")]
pub fn sum_squares<'e>(env: &'e Env, x: Unknown<'e>, threads: Unknown<'e>, control: Option<Unknown<'e>>) -> Result<Object<'e>> {
    let checked = (|| Ok((args::typed::<f64>(env, &x, "x")?, args::threads(env, &threads)?, args::control(env, &control)?)))();
    let (x, threads, control) = checked.map_err(|e| throw(env, e))?;
    let mut keep = KeepAlive::new();
    keep.pin(env, x.value)?;
    if let Some(c) = &control {
        keep.pin(env, c.value)?;
    }
    let (xd, cd) = (x.data, control.map(|c| c.data));
    async_call::spawn(env, keep, move |stop| {
        // SAFETY: both arrays are pinned until the promise settles.
        let x = unsafe { xd.slice_ref(0, xd.len()) };
        let ctl = Control::new(unsafe { control_block(&cd) }, Some(stop));
        kernel::sum_squares(x, threads, &ctl)
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
