use crate::args::{self, control_block, throw};
use crate::{async_call, keep_alive::KeepAlive};
use multicore_kernels::{sort as kernel, Control};
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

/// sort(x: Float64Array, threads, control?) → Promise<void> (in place, Float64Array#sort order)
#[napi(catch_unwind, ts_args_type = "x: Float64Array, threads: number, control?: Int32Array | null", ts_return_type = "Promise<void>")]
pub fn sort<'e>(env: &'e Env, x: Unknown<'e>, threads: Unknown<'e>, control: Option<Unknown<'e>>) -> Result<Object<'e>> {
    let checked = (|| Ok((args::typed::<f64>(env, &x, "x")?, args::threads(env, &threads)?, args::control(env, &control)?)))();
    let (x, threads, control) = checked.map_err(|e| throw(env, e))?;
    let mut keep = KeepAlive::new();
    keep.pin(env, x.value)?;
    if let Some(c) = &control {
        keep.pin(env, c.value)?;
    }
    let (xd, cd) = (x.data, control.map(|c| c.data));
    async_call::spawn(env, keep, move |stop| {
        let ctl = Control::new(unsafe { control_block(&cd) }, Some(stop));
        kernel::sort(unsafe { xd.slice(0, xd.len()) }, threads, &ctl)
    })
}
