// Executors: concurrent.futures for Node — ThreadPoolExecutor, ProcessPoolExecutor, Future, asCompleted, wait.
export { ThreadPoolExecutor } from './thread-pool-executor.js';
export { ProcessPoolExecutor } from './process-pool-executor.js';
// A type only: the base of both pools, to name either in a signature (it is not meant to be subclassed).
export type { Executor, ExecutorOptions } from './executor.js';
export { Future, type DoneCallback } from './future.js';
export { asCompleted } from './as-completed.js';
export { wait, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED, type ReturnWhen } from './wait.js';
export type { MapInput, MapOptions } from './map.js';
export type { TaskOptions } from './task-options.js';
export type { ExecutorStats, Percentiles } from './stats.js';
export type { ModuleTask, TaskFunction, TaskSpec } from './task.js';
export { currentSignal } from './signal.js';
export { transfer } from './transfer.js';
export {
  CancelledError,
  TaskTimeoutError,
  TimeoutError,
  WorkerCrashedError,
  BrokenExecutorError,
  ExecutorShutdownError,
  ThrownValueError,
  TaskQueueFullError,
} from './errors.js';
