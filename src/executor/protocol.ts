// Messages between the pool and its workers. Every message is an array whose first element is its
// kind; tasks and results are laid out flat in it (no object per task), several per message.

// pool → worker
import type { Transferable } from './transfer.js';

export const INIT = 0; //     [INIT, { initializer: TaskDef | null, initArgs, initDecode, flushEachTask }]
export const RUN = 1; //      [RUN, defs: [id, TaskDef, ...] | null, (taskId, fnId, args, flags)*]
export const ABORT = 2; //    [ABORT, taskId, reason: ABORT_*, detail]  detail: timeoutMs (TIMEOUT), the signal's reason as a WireError (SIGNAL)
export const CLOSE = 3; //    [CLOSE]   threads: send what is left and let the thread end on its own (flushes its stdout)

// worker → pool
export const READY = 0; //    [READY]
export const INIT_FAILED = 1; // [INIT_FAILED, WireError]
export const RESULTS = 2; //  [RESULTS, (status, value, runMs)*]   in the order the tasks were sent
export const FATAL = 3; //    [FATAL, WireError]   an uncaught error; the worker exits next

export const TASK_FIELDS = 4;
export const RESULT_FIELDS = 3;

// task flags
export const F_CHUNK = 1; //  args is a list of items; the result is the list of fn(item)
export const F_DECODE = 2; // args hold encoded sync primitives: run decodeShared on them (imports multicore/sync)
export const F_SPREAD = 4; // with F_CHUNK: each item is an argument list (map over several iterables): fn(...item)

// result status
export const OK = 0;
export const ERR = 1;
export const SKIPPED = 2; //  cancelled before it started

export const ABORT_CANCEL = 0;
export const ABORT_TIMEOUT = 1;
export const ABORT_SIGNAL = 2; // the task's own signal (submitWith({ signal })) aborted

/** The pool's view of a worker (thread or process). */
export interface ExitInfo { exitCode: number | null; signal: string | null; error?: unknown }
export interface WorkerEvents {
  message(msg: any[]): void;
  exit(info: ExitInfo): void;
}
export interface WorkerHandle {
  /** Thread id or process id. */
  readonly id: number;
  readonly kind: 'thread' | 'process';
  /** Shared counter of tasks the worker has begun (threads), to know which task a crash interrupted. */
  readonly ctl: Int32Array | null;
  /** Throws (synchronously) when a message cannot be cloned. */
  post(msg: unknown[], transfer: Transferable[] | null): void;
  /** 'close': let it exit on its own (it is idle), so what it printed is flushed, falling back to a kill
   *  if it has not exited after CLOSE_GRACE_MS. 'kill': now (crashes, timeouts, killWorkers; SIGKILL for a
   *  process). 'terminate': terminateWorkers (SIGTERM for a process; a thread is terminated as by 'kill'). */
  terminate(mode: Termination): void;
  ref(): void;
  unref(): void;
}
export type Termination = 'close' | 'terminate' | 'kill';
/** How long a worker asked to exit cleanly may take before it is killed (a task left a timer or a server running). */
export const CLOSE_GRACE_MS = 2_000;
export type WorkerFactory = (events: WorkerEvents) => WorkerHandle;
