// Inside a worker: the AbortSignal of the task that is running now. Tasks in a worker run one at a
// time (an async task is awaited before the next starts), so "the current task" is well defined
// even after an await. The signal is raised when the task is cancelled or passes taskTimeoutMs.

let controller: AbortController | null = null;
let active = false;

/** The running task's AbortSignal (inside a worker). Outside any task: a signal that never aborts. */
export function currentSignal(): AbortSignal {
  if (!active) return new AbortController().signal;
  return (controller ??= new AbortController()).signal;
}

/** @internal worker-entry: a task starts / ends. */
export function beginTask(): void {
  active = true;
  controller = null;
}
export function endTask(): void {
  active = false;
  controller = null;
}
/** @internal worker-entry: raise the running task's signal. */
export function abortCurrent(reason: unknown): void {
  if (!active) return;
  (controller ??= new AbortController()).abort(reason);
}
