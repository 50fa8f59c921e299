// The executors (src/executor/) are loaded on first use, so the bench runs (and skips those rows
// with the reason) where they are missing. The interface below is the part of DESIGN.md's
// concurrent.futures API the bench relies on.
export type TaskRef = string | { module: string; name: string };

export interface ExecutorLike {
  submit<T>(task: TaskRef, ...args: unknown[]): PromiseLike<T>;
  map<T>(
    task: TaskRef,
    items: Iterable<unknown> | AsyncIterable<unknown>,
    o?: { chunkSize?: number; bufferSize?: number },
  ): AsyncIterable<T>;
  shutdown(o?: { wait?: boolean; cancelFutures?: boolean }): Promise<void>;
}

export interface ExecutorOptions {
  maxWorkers?: number;
  minWorkers?: number;
  module?: string;
}

export type ExecutorKind = 'ThreadPoolExecutor' | 'ProcessPoolExecutor';
type ExecutorModule = Record<ExecutorKind, new (o: ExecutorOptions) => ExecutorLike>;

/** The module the bench's tasks live in (compiled next to this file). */
export const TASKS_MODULE = new URL('./tasks.js', import.meta.url).href;

let loaded: Promise<ExecutorModule | string> | undefined;

function load(): Promise<ExecutorModule | string> {
  // A computed specifier: the bench compiles and runs before src/executor exists.
  const specifier = new URL('../../executor/index.js', import.meta.url).href;
  loaded ??= import(specifier).then(
    (m: Partial<ExecutorModule>) =>
      m.ThreadPoolExecutor && m.ProcessPoolExecutor
        ? (m as ExecutorModule)
        : 'src/executor does not export ThreadPoolExecutor and ProcessPoolExecutor yet',
    (err: Error) => `executors not available (${err.message.split('\n')[0]})`,
  );
  return loaded;
}

// Pools are closed with shutdown({ wait: true }): the next row starts only once this row's workers
// have exited, so their teardown (a process unmapping its copies of the inputs) is not timed there.

/** A started pool with `workers` workers whose tasks module is the bench's; a string is the reason it cannot start. */
export async function startExecutor(kind: ExecutorKind, workers: number): Promise<ExecutorLike | string> {
  const m = await load();
  if (typeof m === 'string') return m;
  const pool = new m[kind]({ maxWorkers: workers, minWorkers: workers, module: TASKS_MODULE });
  // Start every worker before timing: one trivial task per worker, in flight together.
  await Promise.all(Array.from({ length: workers }, (_, i) => pool.submit<number>('inc', i)));
  return pool;
}
