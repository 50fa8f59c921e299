// executor.map: lazy over any iterable or async iterable, chunkSize items per task (one message),
// at most bufferSize chunks in flight, results in input order or (ordered: false) as they complete.
import { TimeoutError } from './errors.js';
import { Future, withTimeout } from './future.js';
import { F_CHUNK } from './protocol.js';
import type { Executor } from './executor.js';
import { checkInt, checkMs, checkOptionsObject } from './validate.js';

export interface MapOptions {
  /** Items per task message (default 1). Larger chunks make tiny tasks cheap. */
  chunkSize?: number;
  /** Chunks in flight at most; the input is read only as far as that needs (default 4 × maxWorkers). */
  bufferSize?: number;
  /** false: yield results as chunks complete (default true: input order). */
  ordered?: boolean;
  /** The whole map must deliver each next result within this many ms of the call, else TimeoutError. */
  timeoutMs?: number;
}

type Iter<T> = Iterator<T> | AsyncIterator<T>;

export function mapTasks<T>(ex: Executor, fnId: number, input: Iterable<T> | AsyncIterable<T>, options: MapOptions | undefined): AsyncIterableIterator<unknown> {
  const o = checkOptionsObject(options, 'map') as MapOptions;
  const chunkSize = o.chunkSize === undefined ? 1 : checkInt(o.chunkSize, 'map: chunkSize', 1);
  const bufferSize = o.bufferSize === undefined ? 4 * ex.maxWorkers : checkInt(o.bufferSize, 'map: bufferSize', 1);
  if (o.ordered !== undefined && typeof o.ordered !== 'boolean') throw new TypeError('map: ordered must be a boolean');
  const timeoutMs = o.timeoutMs === undefined || o.timeoutMs === Infinity ? undefined : checkMs(o.timeoutMs, 'map: timeoutMs');
  let it: Iter<T>;
  if (input != null && typeof (input as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') it = (input as AsyncIterable<T>)[Symbol.asyncIterator]();
  else if (input != null && typeof (input as Iterable<T>)[Symbol.iterator] === 'function') it = (input as Iterable<T>)[Symbol.iterator]();
  else throw new TypeError(`map: input must be an iterable or an async iterable, got ${input === null ? 'null' : typeof input}`);
  const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
  return run(ex, fnId, it, chunkSize, bufferSize, o.ordered !== false, deadline, timeoutMs ?? 0);
}

async function* run<T>(ex: Executor, fnId: number, it: Iter<T>, chunkSize: number, bufferSize: number,
  ordered: boolean, deadline: number, timeoutMs: number): AsyncGenerator<unknown> {
  const inflight = new Set<Future<unknown[]>>();
  const order: Future<unknown[]>[] = []; // ordered: in input order
  let head = 0;
  const completed: Future<unknown[]>[] = []; // unordered: in completion order
  let wake: (() => void) | null = null;
  const onDone = (f: Future<unknown[]>): void => {
    completed.push(f);
    const w = wake;
    wake = null;
    w?.();
  };
  let exhausted = false;

  const pullChunk = async (): Promise<T[]> => {
    const items: T[] = [];
    while (items.length < chunkSize) {
      let r = it.next();
      if (r instanceof Promise) r = await r;
      const { done, value } = r as IteratorResult<T>;
      if (done) { exhausted = true; break; }
      items.push(value);
    }
    return items;
  };
  const fill = async (): Promise<void> => {
    while (!exhausted && inflight.size < bufferSize) {
      const items = await pullChunk();
      if (items.length === 0) break;
      ex._checkOpen('map');
      const f = new Future<unknown[]>();
      f._fn = fnId;
      ex._prepare(f as Future<unknown>, items, 'map');
      f._flags |= F_CHUNK;
      ex._pool.enqueue(f);
      inflight.add(f);
      if (ordered) order.push(f);
      else f.addDoneCallback(onDone);
    }
  };
  const settle = (f: Future<unknown[]>): Promise<unknown[]> => {
    if (deadline === Infinity || f.done()) return f._getPromise();
    const left = deadline - performance.now();
    if (left <= 0) return Promise.reject(timeoutError(timeoutMs));
    return withTimeout(f._getPromise(), left, 'map').catch((err) => {
      throw err instanceof TimeoutError ? timeoutError(timeoutMs) : err;
    });
  };

  try {
    await fill();
    while (inflight.size > 0) {
      let f: Future<unknown[]>;
      if (ordered) {
        f = order[head];
        order[head++] = undefined as never;
        if (head > 1024) { order.splice(0, head); head = 0; }
      } else {
        if (completed.length === 0) {
          const woken = new Promise<void>((resolve) => { wake = resolve; });
          const any = new Future<unknown[]>();
          const t = deadline === Infinity ? null : setTimeout(() => any._settle(4, timeoutError(timeoutMs)), Math.max(0, deadline - performance.now()));
          woken.then(() => any._settle(3, []));
          try { await any._getPromise(); } finally { if (t) clearTimeout(t); }
        }
        f = completed.shift()!;
      }
      const results = await settle(f);
      inflight.delete(f);
      await fill();
      for (let i = 0; i < results.length; i++) yield results[i];
    }
  } finally {
    for (const f of inflight) f.cancel();
    if (!exhausted) await it.return?.();
  }
}

function timeoutError(ms: number): TimeoutError {
  return new TimeoutError(`map(): the next result was not ready within timeoutMs (${ms} ms) of the call`);
}
