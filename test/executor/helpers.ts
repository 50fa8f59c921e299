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

export { until } from '../helpers/until.js';
