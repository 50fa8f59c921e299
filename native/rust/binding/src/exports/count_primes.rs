use crate::args::{self, throw};
use crate::async_call;
use multicore_kernels::count_primes as kernel;
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

/// countPrimes(limit, threads, control?) → Promise<number>  (exact π(limit))
#[napi(
    catch_unwind,
    ts_args_type = "limit: number, threads: number, control?: Int32Array | null",
    ts_return_type = "Promise<number>"
)]
pub fn count_primes<'e>(
    env: &'e Env,
    limit: Unknown<'e>,
    threads: Unknown<'e>,
    control: Option<Unknown<'e>>,
) -> Result<Object<'e>> {
    let checked = (|| {
        Ok((
            args::integer(env, &limit, "limit", 0.0, args::MAX_SAFE)?,
            args::threads(env, &threads)?,
            args::control(env, &control)?,
        ))
    })();
    let (limit, threads, control) = checked.map_err(|e| throw(env, e))?;
    async_call::spawn_kernel(env, &[], control, move |ctl| kernel::count_primes(limit, threads, ctl).map(|n| n as f64))
}
