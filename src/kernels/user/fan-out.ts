// Starts `threads` chunk-pulling tasks of a user kernel on the kernels' worker pool and waits for
// them: chunks are taken dynamically from a shared counter, so a slow chunk never holds up the rest.
import { CANCEL, TOTAL } from '../control.js';
import { executor } from '../workers/run.js';
import { UserKernelError } from './errors.js';
import type { FormRequest } from './types.js';
import { FAILED, type ChunkFailure } from './worker-tasks.js';

const TASKS = new URL('./worker-tasks.js', import.meta.url).href;
const abortErr = () => Object.assign(new Error('aborted'), { code: 'ABORT_ERR' });

function causeError(f: ChunkFailure): Error {
  const e = new Error(f.cause.message);
  e.name = f.cause.name;
  if (f.cause.stack) e.stack = f.cause.stack;
  return e;
}

/**
 * `taskArgs(state)`: the task's arguments, ending with (state, control). Resolves once every task has
 * returned; rejects with the first chunk failure as a UserKernelError, or an abort error.
 */
export async function fanOut(
  form: 'workers' | 'wasm',
  req: FormRequest,
  control: Int32Array,
  total: number,
  task: string,
  taskArgs: (state: Int32Array) => unknown[],
): Promise<void> {
  Atomics.store(control, TOTAL, total);
  if (total === 0) return;
  const state = new Int32Array(new SharedArrayBuffer(8));
  const pool = await executor();
  const n = Math.min(req.threads, total);
  const args = taskArgs(state);
  const settled = await Promise.allSettled(
    Array.from({ length: n }, () => {
      const f = pool.submit({ module: TASKS, name: task }, ...args);
      // A task that could not run (a worker crashed) stops the others at their next chunk.
      f.catch(() => Atomics.store(state, FAILED, 1));
      return f;
    }),
  );
  for (const s of settled) {
    if (s.status === 'rejected')
      throw new UserKernelError(req.name, form, `a worker failed: ${String((s.reason as Error)?.message ?? s.reason)}`, {
        cause: s.reason,
      });
  }
  const failures = settled.map((s) => (s as PromiseFulfilledResult<ChunkFailure | undefined>).value).filter((f) => f !== undefined);
  if (failures.length > 0) {
    // The lowest chunk that failed, so the same bad input names the same chunk at any thread count.
    const first = failures.reduce((a, b) => (b.chunk < a.chunk ? b : a));
    throw new UserKernelError(req.name, form, first.message, { cause: causeError(first), status: first.status });
  }
  if (Atomics.load(control, CANCEL)) throw abortErr();
}
