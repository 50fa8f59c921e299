//! Pins the typed arrays of an async call: one strong napi reference per array, created on the
//! JS thread and deleted on the JS thread when the promise settles. If the environment is torn
//! down first, Node deletes the references itself and the handles are simply forgotten.

use napi::{sys, Env};

pub struct KeepAlive {
    refs: Vec<sys::napi_ref>,
}

// SAFETY: the handles are only used on the JS thread (`pin`, `release`); other threads just move them.
unsafe impl Send for KeepAlive {}

impl KeepAlive {
    pub fn new() -> Self {
        KeepAlive { refs: Vec::new() }
    }

    pub fn pin(&mut self, env: &Env, value: sys::napi_value) -> napi::Result<()> {
        let mut r = std::ptr::null_mut();
        napi::check_status!(unsafe { sys::napi_create_reference(env.raw(), value, 1, &mut r) })?;
        self.refs.push(r);
        Ok(())
    }

    /// Deletes the references; must run on the JS thread of `env`.
    pub fn release(mut self, env: &Env) {
        for r in self.refs.drain(..) {
            unsafe { sys::napi_delete_reference(env.raw(), r) };
        }
    }
}
