//! Async calls without the libuv threadpool: the job runs on the kernels' own pool
//! (`multicore_kernels::pool::spawn`); when it ends, the pool thread settles the promise through
//! napi-rs' `JsDeferred` (a thread-safe function), and the resolver runs on the JS thread,
//! where it also drops the references that pinned the typed arrays.
//! Every promise settles exactly once: if the job is dropped without finishing (the pool could
//! not run it), `Settle`'s destructor rejects it.

use crate::args::{control_block, TypedView};
use crate::env_jobs::{EnvJobs, Ticket};
use crate::keep_alive::KeepAlive;
use multicore_kernels::scheduler::panic_message;
use multicore_kernels::{Control, RunError};
use napi::bindgen_prelude::{Object, ToNapiValue};
use napi::{sys, Env, Error, JsDeferred, Result, Status, Unknown};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::AtomicBool;

type Resolver<T> = Box<dyn FnOnce(Env) -> Result<T> + Send>;

struct Settle<T: ToNapiValue + Send + 'static> {
    deferred: Option<JsDeferred<T, Resolver<T>>>,
    keep: Option<KeepAlive>,
}

impl<T: ToNapiValue + Send + 'static> Settle<T> {
    fn finish(mut self, outcome: std::result::Result<T, RunError>) {
        let (Some(deferred), Some(keep)) = (self.deferred.take(), self.keep.take()) else { return };
        deferred.resolve(Box::new(move |env: Env| {
            keep.release(&env);
            outcome.map_err(|e| to_js_error(&env, e))
        }));
    }
}

impl<T: ToNapiValue + Send + 'static> Drop for Settle<T> {
    fn drop(&mut self) {
        if self.deferred.is_some() {
            let s = Settle { deferred: self.deferred.take(), keep: self.keep.take() };
            s.finish(Err(RunError::Panicked("the job was dropped before it ran".into())));
        }
    }
}

/// Cancel → an Error with `code: 'ABORT_ERR'`; a caught panic → a plain Error.
fn to_js_error(env: &Env, e: RunError) -> Error {
    match e {
        RunError::Cancelled => error_with_code(env, "ABORT_ERR", "The operation was aborted"),
        RunError::Panicked(m) => Error::new(Status::GenericFailure, format!("multicore_rust: internal error: {m}")),
    }
}

fn error_with_code(env: &Env, code: &str, message: &str) -> Error {
    let e = env.raw();
    let (mut c, mut m, mut err) = (std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
    let ok = unsafe {
        sys::napi_create_string_utf8(e, code.as_ptr().cast(), code.len() as isize, &mut c) == sys::Status::napi_ok
            && sys::napi_create_string_utf8(e, message.as_ptr().cast(), message.len() as isize, &mut m)
                == sys::Status::napi_ok
            && sys::napi_create_error(e, c, m, &mut err) == sys::Status::napi_ok
    };
    if !ok {
        return Error::new(Status::Cancelled, message);
    }
    Error::from(unsafe { Unknown::from_raw_unchecked(e, err) })
}

/// Starts `work` on the pool and returns its promise. `work` receives the job's stop flag
/// (raised when this JS environment is torn down); it must only touch the memory pinned in `keep`.
pub fn spawn<'e, T, W>(env: &'e Env, keep: KeepAlive, work: W) -> Result<Object<'e>>
where
    T: ToNapiValue + Send + 'static,
    W: FnOnce(&AtomicBool) -> std::result::Result<T, RunError> + Send + 'static,
{
    let ticket: Ticket = EnvJobs::of(env)?.register()?;
    let (deferred, promise) = env.create_deferred::<T, Resolver<T>>()?;
    let settle = Settle { deferred: Some(deferred), keep: Some(keep) };
    multicore_kernels::pool::spawn(move || {
        let outcome = catch_unwind(AssertUnwindSafe(|| work(&ticket.stop)))
            .unwrap_or_else(|p| Err(RunError::Panicked(panic_message(&*p))));
        drop(ticket); // JS memory is no longer touched: a tearing-down env may go on
        settle.finish(outcome);
    });
    Ok(promise)
}

/// Every async export, once its arguments are checked: pins `arrays` and the control block (so they
/// stay alive until the promise settles), then runs `work` on the pool with a `Control` over that
/// block and this environment's stop flag. `work` must only touch the memory of `arrays`.
pub fn spawn_kernel<'e, T, W>(
    env: &'e Env,
    arrays: &[sys::napi_value],
    control: Option<TypedView<i32>>,
    work: W,
) -> Result<Object<'e>>
where
    T: ToNapiValue + Send + 'static,
    W: FnOnce(&Control<'_>) -> std::result::Result<T, RunError> + Send + 'static,
{
    let mut keep = KeepAlive::new();
    for &v in arrays.iter().chain(control.as_ref().map(|c| &c.value)) {
        keep.pin(env, v)?;
    }
    let cd = control.map(|c| c.data);
    spawn(env, keep, move |stop| {
        // SAFETY: the control block is pinned in `keep` until the promise settles.
        let ctl = Control::new(unsafe { control_block(&cd) }, Some(stop));
        work(&ctl)
    })
}

/// Converts a sync kernel failure into a thrown JS error.
pub fn sync_error(e: RunError) -> Error {
    Error::new(Status::GenericFailure, format!("multicore_rust: {e}"))
}
