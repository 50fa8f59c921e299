use crate::args::{self, throw};
use crate::async_call;
use multicore_kernels::mandelbrot::{self as kernel, View};
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

/// mandelbrot(out: Uint32Array, width, height, maxIter, xMin, xMax, yMin, yMax, threads, control?) → Promise<void>
#[napi(
    catch_unwind,
    ts_args_type = "out: Uint32Array, width: number, height: number, maxIter: number, xMin: number, xMax: number, yMin: number, yMax: number, threads: number, control?: Int32Array | null",
    ts_return_type = "Promise<void>"
)]
#[allow(clippy::too_many_arguments)]
pub fn mandelbrot<'e>(
    env: &'e Env,
    out: Unknown<'e>,
    width: Unknown<'e>,
    height: Unknown<'e>,
    max_iter: Unknown<'e>,
    x_min: Unknown<'e>,
    x_max: Unknown<'e>,
    y_min: Unknown<'e>,
    y_max: Unknown<'e>,
    threads: Unknown<'e>,
    control: Option<Unknown<'e>>,
) -> Result<Object<'e>> {
    let checked = (|| {
        let out = args::typed::<u32>(env, &out, "out")?;
        let w = args::integer(env, &width, "width", 0.0, args::MAX_I32)? as usize;
        let h = args::integer(env, &height, "height", 0.0, args::MAX_I32)? as usize;
        let it = args::integer(env, &max_iter, "maxIter", 1.0, args::MAX_I32)? as u32;
        args::length(&out, w as u64 * h as u64, "out", "width*height")?;
        let view = View {
            width: w,
            height: h,
            max_iter: it,
            x_min: args::finite(env, &x_min, "xMin")?,
            x_max: args::finite(env, &x_max, "xMax")?,
            y_min: args::finite(env, &y_min, "yMin")?,
            y_max: args::finite(env, &y_max, "yMax")?,
        };
        Ok((out, view, args::threads(env, &threads)?, args::control(env, &control)?))
    })();
    let (out, view, threads, control) = checked.map_err(|e| throw(env, e))?;
    let od = out.data;
    async_call::spawn_kernel(env, &[out.value], control, move |ctl| {
        // SAFETY: out is pinned until the promise settles.
        kernel::mandelbrot(&view, unsafe { od.slice(0, od.len()) }, threads, ctl)
    })
}
