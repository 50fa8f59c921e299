//! In-flight jobs of one JS environment (main thread or a worker), kept as Node-API instance
//! data. When the environment is torn down (a worker exits or is terminated mid-call), the
//! finalizer raises every job's stop flag and waits until no job touches JS memory any more,
//! so the pool never writes into an ArrayBuffer that V8 is about to free.

use napi::{Env, Error, Result, Status};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct EnvJobs {
    state: Mutex<State>,
    cv: Condvar,
}

#[derive(Default)]
struct State {
    next_id: u64,
    live: HashMap<u64, Arc<AtomicBool>>,
    closing: bool,
}

/// Held by a job while it may touch JS memory; dropping it unregisters the job.
pub struct Ticket {
    jobs: Arc<EnvJobs>,
    id: u64,
    pub stop: Arc<AtomicBool>,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut s = self.jobs.state.lock().unwrap_or_else(|e| e.into_inner());
        s.live.remove(&self.id);
        self.jobs.cv.notify_all();
    }
}

impl EnvJobs {
    /// This environment's registry, created on first use.
    pub fn of(env: &Env) -> Result<Arc<EnvJobs>> {
        if let Some(jobs) = env.get_instance_data::<Arc<EnvJobs>>()? {
            return Ok(Arc::clone(jobs));
        }
        let jobs = Arc::new(EnvJobs::default());
        env.set_instance_data(Arc::clone(&jobs), (), |ctx| ctx.value.shutdown())?;
        Ok(jobs)
    }

    pub fn register(self: &Arc<Self>) -> Result<Ticket> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if s.closing {
            return Err(Error::new(Status::Closing, "the JS environment is shutting down"));
        }
        s.next_id += 1;
        let id = s.next_id;
        let stop = Arc::new(AtomicBool::new(false));
        s.live.insert(id, Arc::clone(&stop));
        Ok(Ticket { jobs: Arc::clone(self), id, stop })
    }

    /// Stops every job and waits (bounded) for them to let go of JS memory.
    fn shutdown(&self) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.closing = true;
        for stop in s.live.values() {
            stop.store(true, Ordering::Release);
        }
        // Jobs stop within one chunk; the bound only guards against a bug hanging exit forever.
        let deadline = Instant::now() + Duration::from_secs(30);
        while !s.live.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            s = self.cv.wait_timeout(s, left).unwrap_or_else(|e| e.into_inner()).0;
        }
    }
}
