// Crash attribution and requeue: when a worker exits, which of the tasks it held was running (and fails
// with WorkerCrashedError), and which go back to the front of the queue (never begun, or finished with
// their results lost with the worker). README.md "Crash handling".
import { WorkerCrashedError } from './errors.js';
import { State, type Future } from './future.js';
import { CTL_BEGUN, type ExitInfo } from './protocol.js';
import type { Slot } from './slot.js';

export interface ExitVerdict {
  /** The task the worker was running when it died unplanned, and the error to fail it with. */
  culprit: { future: Future<any>; error: WorkerCrashedError } | null;
  /** Tasks to run again, in their order. */
  requeue: Future<any>[];
}

/**
 * What becomes of the tasks `s` held when it exited. `planned`: the pool ended it (idle, recycled,
 * shutdown, or terminated for a task that timed out or was cancelled): nothing is blamed. Otherwise
 * the running task is: threads count the tasks they began (begun − results received − 1 indexes it);
 * a process flushes each result as its task ends, so it is the first one without a result.
 */
export function attributeExit(s: Slot, info: ExitInfo, planned: boolean): ExitVerdict {
  const crashedAt = s.handle.ctl ? Atomics.load(s.handle.ctl, CTL_BEGUN) - s.received - 1 : 0;
  const cause = s.fatal ?? info.error;
  let culprit: ExitVerdict['culprit'] = null;
  const requeue: Future<any>[] = [];
  s.fifo.toArray().forEach((f, i) => {
    f._slot = null;
    if (f._state >= State.Finished) return;
    if (!planned && i === crashedAt) {
      const what = s.handle.kind === 'thread' ? `worker thread ${s.handle.id}` : `worker process ${s.handle.id}`;
      culprit = {
        future: f,
        error: new WorkerCrashedError(`${what} died while running the task: ${describeExit(info, cause)}`, { ...info, cause }),
      };
    } else {
      f._state = State.Queued; // it never started (or its result was lost with the worker): run it again
      requeue.push(f);
    }
  });
  return { culprit, requeue };
}

/** Why a worker ended, in words. */
export function describeExit(info: ExitInfo, cause?: unknown): string {
  const code = (cause as { code?: string } | undefined)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'it ran out of memory (ERR_WORKER_OUT_OF_MEMORY, see resourceLimits)';
  if (info.signal) return `killed by signal ${info.signal}`;
  if (cause instanceof Error) return `uncaught ${cause.name}: ${cause.message}`;
  return `exited with code ${info.exitCode}`;
}
