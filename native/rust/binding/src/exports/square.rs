use crate::args::{self, throw, ArgError, ArgResult, TypedView};
use crate::async_call;
use multicore_kernels::{shared::SharedMut, square as kernel, Control, RunError};
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

/// `out` is either `x` itself (same memory) or disjoint from it.
fn check_out(x: &TypedView<f64>, out: &TypedView<f64>) -> ArgResult<bool> {
    args::length(out, x.len() as u64, "out", "x.length")?;
    let same = x.addr_range() == out.addr_range();
    if !same && x.overlaps(out) {
        return Err(ArgError::Range("out must be x itself or not overlap x".into()));
    }
    Ok(same)
}

fn run(
    xd: SharedMut<f64>,
    od: SharedMut<f64>,
    in_place: bool,
    threads: usize,
    ctl: &Control<'_>,
) -> std::result::Result<(), RunError> {
    // SAFETY: callers pin both arrays; `in_place` means they are the same memory, else disjoint.
    unsafe {
        if in_place {
            kernel::square_in_place(od.slice(0, od.len()), threads, ctl)
        } else {
            kernel::square(xd.slice_ref(0, xd.len()), od.slice(0, od.len()), threads, ctl)
        }
    }
}

/// square(x, out, threads, control?) → Promise<void>
#[napi(
    catch_unwind,
    ts_args_type = "x: Float64Array, out: Float64Array, threads: number, control?: Int32Array | null",
    ts_return_type = "Promise<void>"
)]
pub fn square<'e>(
    env: &'e Env,
    x: Unknown<'e>,
    out: Unknown<'e>,
    threads: Unknown<'e>,
    control: Option<Unknown<'e>>,
) -> Result<Object<'e>> {
    let checked = (|| {
        let x = args::typed::<f64>(env, &x, "x")?;
        let out = args::typed::<f64>(env, &out, "out")?;
        let in_place = check_out(&x, &out)?;
        Ok((x, out, in_place, args::threads(env, &threads)?, args::control(env, &control)?))
    })();
    let (x, out, in_place, threads, control) = checked.map_err(|e| throw(env, e))?;
    let (xd, od) = (x.data, out.data);
    async_call::spawn_kernel(env, &[x.value, out.value], control, move |ctl| run(xd, od, in_place, threads, ctl))
}

/// squareSync(x, out, threads) → void
#[napi(catch_unwind, ts_args_type = "x: Float64Array, out: Float64Array, threads: number", ts_return_type = "void")]
pub fn square_sync(env: &Env, x: Unknown<'_>, out: Unknown<'_>, threads: Unknown<'_>) -> Result<()> {
    let checked = (|| {
        let x = args::typed::<f64>(env, &x, "x")?;
        let out = args::typed::<f64>(env, &out, "out")?;
        let in_place = check_out(&x, &out)?;
        Ok((x, out, in_place, args::threads(env, &threads)?))
    })();
    let (x, out, in_place, threads) = checked.map_err(|e| throw(env, e))?;
    run(x.data, out.data, in_place, threads, &Control::none()).map_err(async_call::sync_error)
}
