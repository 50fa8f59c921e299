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

// where things are in a RUN message, and how many values one task or one result takes
export const RUN_DEFS = 1; //    msg[RUN_DEFS]: the definitions of tasks this worker has not seen yet, or null
export const RUN_TASKS = 2; //   msg[RUN_TASKS…]: the tasks, TASK_FIELDS values each
export const TASK_FIELDS = 4; // taskId, fnId, args, flags
export const RESULT_FIELDS = 3; // status, value, runMs

// how a task's function travels (TaskDef.k, task.ts)
export const DEF_SOURCE = 0; // { k, src }: a function's source, compiled in the worker
export const DEF_MODULE = 1; // { k, url, name }: an export of an ES module, imported in the worker

// the 16 bytes a thread worker shares with the pool (slot.ts): Int32 at index CTL_BEGUN = tasks begun;
// Float64 at byte CTL_TIME_BYTE = when the last one began (epoch ms). Written time first, then count.
export const CTL_BYTES = 16;
export const CTL_BEGUN = 0;
export const CTL_TIME_BYTE = 8;

// task flags
export const F_CHUNK = 1; //  args is a list of items; the result is the list of fn(item)
export const F_DECODE = 2; // args hold encoded sync primitives: run decodeShared on them (imports multicore/sync)
export const F_SPREAD = 4; // with F_CHUNK: each item is an argument list (map over several iterables): fn(...item)

// result status
export const OK = 0;
export const ERR = 1;
export const SKIPPED = 2; //  cancelled before it started

// ABORT reasons: what the running task's signal is raised with
export const ABORT_CANCEL = 0; // future.cancel(): CancelledError
export const ABORT_TIMEOUT = 1; // taskTimeoutMs: TaskTimeoutError
export const ABORT_SIGNAL = 2; // the task's own signal (submitWith({ signal })) aborted

/** The pool's view of a worker (thread or process). */
export interface ExitInfo {
  exitCode: number | null;
  signal: string | null;
  error?: unknown;
}
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
