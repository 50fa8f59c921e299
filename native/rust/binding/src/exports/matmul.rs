use crate::args::{self, control_block, throw, ArgError, ArgResult, TypedView};
use crate::{async_call, keep_alive::KeepAlive};
use multicore_kernels::matmul::{self as kernel, Dims};
use multicore_kernels::Control;
use napi::bindgen_prelude::Object;
use napi::{Env, Result, Unknown};
use napi_derive::napi;

fn product(a: usize, b: usize, what: &str) -> ArgResult<usize> {
    a.checked_mul(b).ok_or_else(|| ArgError::Range(format!("{what} overflows ({a} * {b})")))
}

fn check_len(v: &TypedView<f64>, want: usize, name: &str, what: &str) -> ArgResult<()> {
    if v.len() != want {
        return Err(ArgError::Range(format!("{name}.length must be {what} ({want}), got {}", v.len())));
    }
    Ok(())
}

/// matmul(a, b, out, m, k, n, threads, control?) → Promise<void>
#[napi(catch_unwind)]
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
        check_len(&a, product(d.m, d.k, "m*k")?, "a", "m*k")?;
        check_len(&b, product(d.k, d.n, "k*n")?, "b", "k*n")?;
        check_len(&out, product(d.m, d.n, "m*n")?, "out", "m*n")?;
        if out.overlaps(&a) || out.overlaps(&b) {
            return Err(ArgError::Range("out must not overlap a or b".into()));
        }
        Ok((a, b, out, d, args::threads(env, &threads)?, args::control(env, &control)?))
    })();
    let (a, b, out, d, threads, control) = checked.map_err(|e| throw(env, e))?;
    let mut keep = KeepAlive::new();
    for v in [Some(a.value), Some(b.value), Some(out.value), control.as_ref().map(|c| c.value)].into_iter().flatten() {
        keep.pin(env, v)?;
    }
    let (ad, bd, od, cd) = (a.data, b.data, out.data, control.map(|c| c.data));
    async_call::spawn(env, keep, move |stop| {
        let ctl = Control::new(unsafe { control_block(&cd) }, Some(stop));
        // SAFETY: pinned until the promise settles; out is disjoint from a and b.
        let (a, b, out) = unsafe { (ad.slice_ref(0, ad.len()), bd.slice_ref(0, bd.len()), od.slice(0, od.len())) };
        kernel::matmul(a, b, out, d, threads, &ctl)
    })
}
