// Every workload, in the order the tables show them.
import { cpuWorkloads } from './cpu.js';
import { downloadFile } from './io.js';
import { dispatch } from './dispatch.js';
import { distributed } from './distributed.js';
import { server } from './server.js';
import type { Workload } from './types.js';

/** Fresh definitions (a caller may add or wrap strategies: bench's `adjust`). */
export function allWorkloads(): Workload[] {
  return [...cpuWorkloads, downloadFile, dispatch, distributed, server].map((w) => ({ ...w, strategies: [...w.strategies] }));
}

/** Valid --only names: each workload and each group. */
export function workloadNames(): string[] {
  return [...new Set([...allWorkloads().map((w) => w.name), 'cpu', 'io', 'dispatch', 'distributed', 'server'])];
}
