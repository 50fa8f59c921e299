// The tasks of the Celery example (seed 000):
//
//   app = Celery('your_app', broker='pyamqp://guest:guest@localhost//')
//   @app.task
//   def your_function(): ...
//
// In multicore there is no decorator: every exported function of a module given to
// `multicore worker --tasks <module>` is a task that worker may run, and nothing else is (no code travels
// over the network). The worker runs them on its own pool of threads (or processes, --mode process).
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { countPrimes } from '@multicore-js/multicore';

/** The seed's your_function: here it reports where it ran. */
export function yourFunction(name) {
  return { greeting: `Hello, ${name}!`, host: hostname(), pid: process.pid, threadId };
}

export function add(x, y) {
  return x + y;
}

/** CPU-bound work for the worker: π(limit), the number of primes up to limit (native kernel when built). */
export async function primesUpTo(limit) {
  return countPrimes(limit);
}

/** Word counts of one document; used with map() over several documents. */
export function wordCount(text) {
  return text.split(/\s+/).filter(Boolean).length;
}
