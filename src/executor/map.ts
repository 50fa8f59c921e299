// map: one engine for every executor (ThreadPoolExecutor, ProcessPoolExecutor, DistributedExecutor).
// Lazy over any iterables and async iterables, zipped as Python's map(fn, *iterables) (stops at the
// shortest); chunkSize items per task (one message or job), at most bufferSize chunks in flight,
// results in input order or (ordered: false) as chunks complete. Breaking out of the loop, an error,
// the deadline or the signal cancels what is still in flight and closes the inputs.
// An executor gives map only a ChunkSink: how to submit one chunk, and how parallel it is.
import { TimeoutError, abortError } from './errors.js';
import type { Future } from './future.js';
import { setLongTimeout, type LongTimer } from './long-timer.js';
import { checkSignal } from './task-options.js';
import { checkInt, checkOptionsObject } from './validate.js';

export interface MapOptions {
  /** Items per task message or job (default 1). Larger chunks make tiny tasks cheap. */
  chunkSize?: number;
  /** Chunks in flight at most; the input is read only as far as that needs (default 4 × the executor's
   *  maxWorkers; 64 for a DistributedExecutor, whose worker count is not known here). */
  bufferSize?: number;
  /** false: yield results as chunks complete (default true: input order). */
  ordered?: boolean;
  /** Each next result must be ready within this many ms of the call, else TimeoutError (any duration; default Infinity). */
  timeoutMs?: number;
  /** Aborting it stops the iteration (it rejects with an AbortError) and cancels the chunks in flight. */
  signal?: AbortSignal;
}

export type MapInput<T = unknown> = Iterable<T> | AsyncIterable<T>;

/** What map needs from an executor, and nothing more. */
export interface ChunkSink {
  /** The default bufferSize is 4 × this. */
  readonly parallelism: number;
  /** Submits one chunk: `items` are single arguments (task(item)) or, with `spread`, argument lists
   *  (task(...item)); its future's value is the list of results, in order. May throw (e.g. the executor
   *  was shut down): the iteration then rejects with that error. */
  submitChunk(items: unknown[], spread: boolean, signal: AbortSignal | undefined): Future<unknown[]>;
}

export interface ResolvedMapOptions {
  chunkSize: number;
  bufferSize: number | undefined;
  ordered: boolean;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

const KNOWN = new Set(['chunkSize', 'bufferSize', 'ordered', 'timeoutMs', 'signal']);

function isIterable(x: unknown): x is MapInput {
  if (x === null || x === undefined) return false;
  const o = x as Record<symbol, unknown>;
  return typeof o[Symbol.asyncIterator] === 'function' || typeof o[Symbol.iterator] === 'function';
}

function isPlainObject(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

export function checkMapOptions(options: unknown, where = 'map'): ResolvedMapOptions {
  const o = checkOptionsObject(options, where);
  for (const key of Object.keys(o)) if (!KNOWN.has(key)) throw new TypeError(`${where}: unknown option '${key}'`);
  const chunkSize = o.chunkSize === undefined ? 1 : checkInt(o.chunkSize, `${where}: chunkSize`, 1);
  const bufferSize = o.bufferSize === undefined ? undefined : checkInt(o.bufferSize, `${where}: bufferSize`, 1);
  if (o.ordered !== undefined && typeof o.ordered !== 'boolean') throw new TypeError(`${where}: ordered must be a boolean`);
  let timeoutMs = Infinity;
  if (o.timeoutMs !== undefined) {
    if (typeof o.timeoutMs !== 'number' || Number.isNaN(o.timeoutMs)) {
      throw new TypeError(
        `${where}: timeoutMs must be a number of milliseconds, got ${typeof o.timeoutMs === 'number' ? 'NaN' : typeof o.timeoutMs}`,
      );
    }
    if (o.timeoutMs < 0) throw new RangeError(`${where}: timeoutMs must be >= 0, got ${o.timeoutMs}`);
    timeoutMs = o.timeoutMs;
  }
  return { chunkSize, bufferSize, ordered: o.ordered !== false, timeoutMs, signal: checkSignal(o.signal, where) };
}

/**
 * map's arguments after the task: the iterables (zero or more), then optionally the options, recognised
 * as a trailing plain object that is not iterable (or a trailing undefined).
 */
export function parseMapArgs(rest: unknown[], where = 'map'): { inputs: MapInput[]; options: ResolvedMapOptions } {
  let options: unknown;
  let n = rest.length;
  if (n > 0) {
    const last = rest[n - 1];
    if (last === undefined || (isPlainObject(last) && !isIterable(last))) {
      options = last;
      n--;
    }
  }
  // no iterable at all: nothing to map (Python's Executor.map(fn) yields nothing too)
  const inputs: MapInput[] = [];
  for (let i = 0; i < n; i++) {
    const x = rest[i];
    if (!isIterable(x)) {
      const which = n > 1 ? ` (argument ${i + 2})` : '';
      throw new TypeError(`${where}: input${which} must be an iterable or an async iterable, got ${x === null ? 'null' : typeof x}`);
    }
    inputs.push(x);
  }
  return { inputs, options: checkMapOptions(options, where) };
}

type Iter = Iterator<unknown> | AsyncIterator<unknown>;

/** Runs a map over `sink`. The inputs are opened now (as Python's map calls iter() at once), read lazily. */
export function mapOver(sink: ChunkSink, inputs: MapInput[], o: ResolvedMapOptions): AsyncIterableIterator<unknown> {
  const iterators: Iter[] = inputs.map((input) =>
    typeof (input as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
      ? (input as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (input as Iterable<unknown>)[Symbol.iterator](),
  );
  const deadline = o.timeoutMs === Infinity ? Infinity : performance.now() + o.timeoutMs;
  return run(sink, iterators, o, o.bufferSize ?? 4 * sink.parallelism, deadline);
}

const DONE = Symbol('done');

async function* run(
  sink: ChunkSink,
  iterators: Iter[],
  o: ResolvedMapOptions,
  bufferSize: number,
  deadline: number,
): AsyncGenerator<unknown> {
  const { chunkSize, ordered, signal } = o;
  const spread = iterators.length > 1;
  const ended = iterators.map(() => false);
  if (iterators.length === 0) return;
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
  const checkAborted = (): void => {
    if (signal?.aborted) throw abortError(signal.reason);
  };

  const next = async (k: number): Promise<unknown> => {
    let r = iterators[k].next() as IteratorResult<unknown> | Promise<IteratorResult<unknown>>;
    if (typeof (r as Promise<unknown>).then === 'function') r = await r;
    if ((r as IteratorResult<unknown>).done) {
      ended[k] = true;
      exhausted = true;
      return DONE;
    }
    return (r as IteratorResult<unknown>).value;
  };
  /** The next item: a value, or (several inputs) the list of one value from each; DONE at the shortest's end. */
  const pullItem = async (): Promise<unknown> => {
    if (!spread) return next(0);
    const args = new Array(iterators.length);
    for (let k = 0; k < iterators.length; k++) {
      const v = await next(k);
      if (v === DONE) return DONE;
      args[k] = v;
    }
    return args;
  };
  const fill = async (): Promise<void> => {
    while (!exhausted && inflight.size < bufferSize) {
      checkAborted();
      const items: unknown[] = [];
      while (items.length < chunkSize) {
        const item = await pullItem();
        if (item === DONE) break;
        items.push(item);
      }
      if (items.length === 0) break;
      const f = sink.submitChunk(items, spread, signal);
      inflight.add(f);
      if (ordered) order.push(f);
      else f.addDoneCallback(onDone);
    }
  };
  /** f's results, or the deadline's TimeoutError; an abort shows as the signal's AbortError on every executor. */
  const results = async (f: Future<unknown[]>): Promise<unknown[]> => {
    try {
      if (deadline === Infinity || f.done()) return await f._getPromise();
      return await beforeDeadline(f._getPromise(), deadline, o.timeoutMs);
    } catch (err) {
      checkAborted();
      throw err;
    }
  };
  const anyCompleted = (): Promise<void> => {
    let timer: LongTimer | null = null;
    return new Promise<void>((resolve, reject) => {
      wake = resolve;
      if (deadline !== Infinity)
        timer = setLongTimeout(
          () => {
            wake = null;
            reject(timeoutError(o.timeoutMs));
          },
          Math.max(0, deadline - performance.now()),
        );
    }).finally(() => timer?.clear());
  };

  try {
    checkAborted();
    await fill();
    while (inflight.size > 0) {
      let f: Future<unknown[]>;
      if (ordered) {
        f = order[head];
        order[head++] = undefined as never;
        if (head > 1024) {
          order.splice(0, head);
          head = 0;
        }
      } else {
        if (completed.length === 0) await anyCompleted();
        f = completed.shift()!;
      }
      const values = await results(f);
      inflight.delete(f);
      await fill();
      for (let i = 0; i < values.length; i++) yield values[i];
    }
  } finally {
    for (const f of inflight) f.cancel();
    // close the inputs that did not end (Iterator.zip does the same when the shortest ends)
    for (let k = 0; k < iterators.length; k++) if (!ended[k]) await iterators[k].return?.();
  }
}

function beforeDeadline<T>(p: Promise<T>, deadline: number, timeoutMs: number): Promise<T> {
  const left = deadline - performance.now();
  if (left <= 0) return Promise.reject(timeoutError(timeoutMs));
  return new Promise<T>((resolve, reject) => {
    const timer = setLongTimeout(() => reject(timeoutError(timeoutMs)), left);
    p.then(
      (v) => {
        timer.clear();
        resolve(v);
      },
      (e) => {
        timer.clear();
        reject(e);
      },
    );
  });
}

function timeoutError(ms: number): TimeoutError {
  return new TimeoutError(`map(): the next result was not ready within timeoutMs (${ms} ms) of the call`);
}
