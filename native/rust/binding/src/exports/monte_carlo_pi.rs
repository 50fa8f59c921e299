use crate::args::{self, throw};
use crate::async_call;
use multicore_kernels::monte_carlo_pi as kernel;
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

/// monteCarloPi(samples, seed, threads, control?) → Promise<number> (the INSIDE count)
#[napi(
    catch_unwind,
    ts_args_type = "samples: number, seed: number, threads: number, control?: Int32Array | null",
    ts_return_type = "Promise<number>"
)]
pub fn monte_carlo_pi<'e>(
    env: &'e Env,
    samples: Unknown<'e>,
    seed: Unknown<'e>,
    threads: Unknown<'e>,
    control: Option<Unknown<'e>>,
) -> Result<Object<'e>> {
    let checked = (|| {
        Ok((
            args::integer(env, &samples, "samples", 1.0, args::MAX_SAFE)?,
            args::integer(env, &seed, "seed", 0.0, 4294967295.0)? as u32,
            args::threads(env, &threads)?,
            args::control(env, &control)?,
        ))
    })();
    let (samples, seed, threads, control) = checked.map_err(|e| throw(env, e))?;
    async_call::spawn_kernel(env, &[], control, move |ctl| {
        kernel::monte_carlo_pi(samples, seed, threads, ctl).map(|n| n as f64)
    })
}
