// ThreadPoolExecutor: the pool over worker_threads. Arguments are structured-cloned; SharedArrayBuffers
// are shared; transfer(typedArray) moves buffers without a copy.
import { Executor } from './executor.js';
import type { ExecutorOptions } from './options.js';
import { threadWorkerFactory } from './thread-worker.js';

export class ThreadPoolExecutor extends Executor {
  constructor(options?: ExecutorOptions) {
    super('ThreadPoolExecutor', options, true, (o) => threadWorkerFactory(o.resourceLimits));
  }
}
