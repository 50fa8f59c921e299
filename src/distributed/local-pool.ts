// The local executor a DistributedWorker runs its jobs in.
import type { Future } from '../executor/future.js';

export interface LocalPool {
  submit(task: { module: string; name: string }, ...args: unknown[]): Future<unknown>;
  shutdown(options?: { wait?: boolean; cancelFutures?: boolean }): Promise<void>;
}

export async function createLocalPool(mode: 'thread' | 'process', size: number): Promise<LocalPool> {
  // TEMPORARY indirection until src/executor's pools land.
  const spec = '../executor/index.js';
  const mod = (await import(spec)) as Record<string, new (o: object) => LocalPool>;
  const Ctor = mode === 'thread' ? mod.ThreadPoolExecutor : mod.ProcessPoolExecutor;
  if (!Ctor) throw new Error(`local ${mode} pool unavailable`);
  return new Ctor({ maxWorkers: size, minWorkers: size });
}
