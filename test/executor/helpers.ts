// Shared by the executor tests: both executor kinds, and the task fixture module.
import { fileURLToPath } from 'node:url';
import { ThreadPoolExecutor, ProcessPoolExecutor, type ExecutorOptions } from '@multicore-js/multicore';

export const TASKS = fileURLToPath(new URL('../fixtures/executor/tasks.mjs', import.meta.url));
export const task = (name: string) => ({ module: TASKS, name });

export type AnyExecutor = ThreadPoolExecutor | ProcessPoolExecutor;
export const KINDS: [string, (o?: ExecutorOptions) => AnyExecutor][] = [
  ['ThreadPoolExecutor', (o) => new ThreadPoolExecutor(o)],
  ['ProcessPoolExecutor', (o) => new ProcessPoolExecutor(o)],
];

/** Polls `cond` every 10 ms until it holds (fails after `ms`). A bound, not a timing assertion. */
export async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
