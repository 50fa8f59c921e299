// Executor options: defaults and validation (TypeError / RangeError naming the option).
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { checkInt, checkMs, checkOptionsObject } from './validate.js';
import { moduleUrl, type TaskSpec } from './task.js';

export interface ExecutorOptions {
  /** Most workers at once (default: os.availableParallelism()). */
  maxWorkers?: number;
  /** Workers started at once and kept through idle periods (default 0). */
  minWorkers?: number;
  /** A worker idle this long exits, down to minWorkers (default Infinity: never). */
  idleTimeoutMs?: number;
  /** Default module (path or URL) for tasks named by string: submit('name', ...). */
  module?: string | URL;
  /** Runs once in every worker before its first task. A function (by source), { module, name }, or an export name of `module`. */
  initializer?: TaskSpec;
  initArgs?: unknown[];
  /** A worker is replaced after running this many tasks (default Infinity). */
  maxTasksPerWorker?: number;
  /** A task running longer fails with TaskTimeoutError: its AbortSignal is raised, then after timeoutGraceMs its worker is terminated. */
  taskTimeoutMs?: number;
  /** How long a timed-out task gets to stop by itself before its worker is terminated (default 1000). */
  timeoutGraceMs?: number;
  /**
   * Load shedding (piscina's name): once this many tasks wait in the queue for a worker, `submit` returns
   * a future already rejected with TaskQueueFullError instead of queueing more (default Infinity).
   * Tasks a worker holds (running, or pipelined behind its running task) do not count.
   */
  maxQueue?: number;
  /** V8 heap limits for each worker thread (ThreadPoolExecutor only). */
  resourceLimits?: ResourceLimits;
}

export interface ResolvedOptions {
  maxWorkers: number;
  minWorkers: number;
  idleTimeoutMs: number;
  module: string | undefined;
  initializer: TaskSpec | undefined;
  initArgs: unknown[];
  maxTasksPerWorker: number;
  taskTimeoutMs: number;
  timeoutGraceMs: number;
  maxQueue: number;
  resourceLimits: ResourceLimits | undefined;
}

const KNOWN = new Set([
  'maxWorkers',
  'minWorkers',
  'idleTimeoutMs',
  'module',
  'initializer',
  'initArgs',
  'maxTasksPerWorker',
  'taskTimeoutMs',
  'timeoutGraceMs',
  'maxQueue',
  'resourceLimits',
]);
const LIMIT_KEYS = new Set(['maxOldGenerationSizeMb', 'maxYoungGenerationSizeMb', 'codeRangeSizeMb', 'stackSizeMb']);

export function resolveOptions(options: unknown, who: string, threads: boolean): ResolvedOptions {
  const o = checkOptionsObject(options, who) as ExecutorOptions & Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new TypeError(`${who}: unknown option '${key}'`);
  }
  const maxWorkers = o.maxWorkers === undefined ? availableParallelism() : checkInt(o.maxWorkers, 'maxWorkers', 1, { max: 1024 });
  const minWorkers = o.minWorkers === undefined ? 0 : checkInt(o.minWorkers, 'minWorkers', 0);
  if (minWorkers > maxWorkers) throw new RangeError(`minWorkers (${minWorkers}) must be <= maxWorkers (${maxWorkers})`);
  const idleTimeoutMs = o.idleTimeoutMs === undefined ? Infinity : checkMs(o.idleTimeoutMs, 'idleTimeoutMs');
  const module = o.module === undefined ? undefined : moduleUrl(o.module, 'module');
  const initializer = o.initializer;
  if (
    initializer !== undefined &&
    typeof initializer !== 'function' &&
    typeof initializer !== 'string' &&
    (typeof initializer !== 'object' || initializer === null)
  ) {
    throw new TypeError(
      `initializer must be a function, { module, name } or an export name; got ${initializer === null ? 'null' : typeof initializer}`,
    );
  }
  if (o.initArgs !== undefined && !Array.isArray(o.initArgs)) throw new TypeError('initArgs must be an array');
  const maxTasksPerWorker =
    o.maxTasksPerWorker === undefined ? Infinity : checkInt(o.maxTasksPerWorker, 'maxTasksPerWorker', 1, { allowInfinity: true });
  const taskTimeoutMs = o.taskTimeoutMs === undefined ? Infinity : checkMs(o.taskTimeoutMs, 'taskTimeoutMs');
  if (taskTimeoutMs === 0) throw new RangeError('taskTimeoutMs must be > 0');
  const timeoutGraceMs = o.timeoutGraceMs === undefined ? 1000 : checkMs(o.timeoutGraceMs, 'timeoutGraceMs', false);
  const maxQueue = o.maxQueue === undefined ? Infinity : checkInt(o.maxQueue, 'maxQueue', 0, { allowInfinity: true });
  let resourceLimits: ResourceLimits | undefined;
  if (o.resourceLimits !== undefined) {
    if (!threads) throw new TypeError(`${who}: resourceLimits applies to worker threads only (ThreadPoolExecutor)`);
    const r = checkOptionsObject(o.resourceLimits, 'resourceLimits');
    for (const [k, v] of Object.entries(r)) {
      if (!LIMIT_KEYS.has(k)) throw new TypeError(`resourceLimits: unknown key '${k}'`);
      if (typeof v !== 'number' || Number.isNaN(v)) throw new TypeError(`resourceLimits.${k} must be a number`);
      if (v <= 0) throw new RangeError(`resourceLimits.${k} must be > 0, got ${v}`);
    }
    resourceLimits = r as ResourceLimits;
  }
  return {
    maxWorkers,
    minWorkers,
    idleTimeoutMs,
    module,
    initializer,
    initArgs: o.initArgs ?? [],
    maxTasksPerWorker,
    taskTimeoutMs,
    timeoutGraceMs,
    maxQueue,
    resourceLimits,
  };
}
