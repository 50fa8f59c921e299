// DistributedExecutor.map, on the executors' one map engine (src/executor/map.ts): the same options,
// defaults and validation as ThreadPoolExecutor.map. Each chunk is one job (`batch`; with several
// iterables also `spread`: each item is an argument list). The default bufferSize is 64 chunks
// (4 × PARALLELISM): how many workers serve the queue is not known here.
import type { Future } from '../executor/future.js';
import { mapOver, parseMapArgs } from '../executor/map.js';

export type { MapOptions } from '../executor/map.js';

/** Stands in for maxWorkers in the default bufferSize (4 × this). */
export const PARALLELISM = 16;

/** Checks map's arguments after the task (iterables, then options) and starts the iteration. */
export function mapJobs<T>(
  submitChunk: (items: unknown[], spread: boolean, signal: AbortSignal | undefined) => Future<unknown[]>,
  rest: unknown[],
): AsyncIterableIterator<T> {
  const { inputs, options } = parseMapArgs(rest);
  return mapOver({ parallelism: PARALLELISM, submitChunk }, inputs, options) as AsyncIterableIterator<T>;
}
