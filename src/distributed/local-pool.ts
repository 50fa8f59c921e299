// The local executor a DistributedWorker runs its jobs in.
import type { Future } from '../executor/future.js';
import { ThreadPoolExecutor } from '../executor/thread-pool-executor.js';
import { ProcessPoolExecutor } from '../executor/process-pool-executor.js';

export interface LocalPool {
  submit(task: { module: string; name: string }, ...args: unknown[]): Future<unknown>;
  shutdown(options?: { wait?: boolean; cancelFutures?: boolean }): Promise<void>;
}

/** A pool of exactly `size` workers, started now (the first jobs do not pay for start-up). */
export function createLocalPool(mode: 'thread' | 'process', size: number): LocalPool {
  const options = { maxWorkers: size, minWorkers: size };
  return mode === 'thread' ? new ThreadPoolExecutor(options) : new ProcessPoolExecutor(options);
}
