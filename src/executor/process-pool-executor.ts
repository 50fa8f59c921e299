// ProcessPoolExecutor: the pool over child processes (child_process.fork, advanced serialization).
// Everything is copied (no shared memory between processes); a crash cannot take the parent down.
import { Executor } from './executor.js';
import type { ExecutorOptions } from './options.js';
import { processWorkerFactory } from './process-worker.js';

export class ProcessPoolExecutor extends Executor {
  constructor(options?: Omit<ExecutorOptions, 'resourceLimits'>) {
    super('ProcessPoolExecutor', options, false, () => processWorkerFactory());
  }
}
