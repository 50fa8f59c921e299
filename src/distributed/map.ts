// `map` over any (async) iterable: reads input lazily in chunks, keeps at most `bufferSize` chunks in flight,
// yields in input order (or as completed with `ordered: false`). Breaking out of the loop, an error, or the
// deadline cancels what is still in flight.
import type { Future } from '../executor/future.js';
import { TimeoutError } from '../executor/errors.js';
import { setLongTimeout } from './long-timer.js';

export interface MapOptions {
  /** Items per job (default 1): amortizes the per-job round trip through Redis for small tasks. */
  chunkSize?: number;
  /** Chunks in flight at most (default 64). */
  bufferSize?: number;
  /** Yield in input order (default true) or as completed. */
  ordered?: boolean;
  /** Deadline for the whole iteration, from the call: TimeoutError when the next result is not there by then
   * (any number of milliseconds; Infinity: none). */
  timeoutMs?: number;
}

function positiveInt(v: unknown, name: string): number {
  if (typeof v !== 'number') throw new TypeError(`map: ${name} must be a number, got ${typeof v}`);
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`map: ${name} must be an integer >= 1, got ${v}`);
  return v;
}

export function checkMapOptions(o: MapOptions | undefined): Required<Omit<MapOptions, 'timeoutMs'>> & { timeoutMs?: number } {
  if (o === undefined) o = {};
  if (typeof o !== 'object' || o === null) throw new TypeError('map: options must be an object');
  const chunkSize = o.chunkSize === undefined ? 1 : positiveInt(o.chunkSize, 'chunkSize');
  const bufferSize = o.bufferSize === undefined ? 64 : positiveInt(o.bufferSize, 'bufferSize');
  if (o.ordered !== undefined && typeof o.ordered !== 'boolean') throw new TypeError('map: ordered must be a boolean');
  if (o.timeoutMs !== undefined && !(typeof o.timeoutMs === 'number' && o.timeoutMs >= 0)) { // NaN fails this too
    throw new RangeError(`map: timeoutMs must be a number >= 0, got ${String(o.timeoutMs)}`);
  }
  return { chunkSize, bufferSize, ordered: o.ordered ?? true, ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }) };
}

export async function* mapChunks<T>(
  submitChunk: (items: unknown[]) => Future<T[]>,
  input: Iterable<unknown> | AsyncIterable<unknown>,
  options: ReturnType<typeof checkMapOptions>,
): AsyncGenerator<T, void, undefined> {
  const { chunkSize, bufferSize, ordered, timeoutMs } = options;
  const deadline = timeoutMs === undefined || timeoutMs === Infinity ? undefined : Date.now() + timeoutMs;
  const it: AsyncIterator<unknown> | Iterator<unknown> =
    Symbol.asyncIterator in (input as object) ? (input as AsyncIterable<unknown>)[Symbol.asyncIterator]() : (input as Iterable<unknown>)[Symbol.iterator]();
  const inFlight: Future<T[]>[] = [];
  let exhausted = false;

  const fill = async () => {
    while (!exhausted && inFlight.length < bufferSize) {
      const chunk: unknown[] = [];
      while (chunk.length < chunkSize) {
        const r = await it.next();
        if (r.done) { exhausted = true; break; }
        chunk.push(r.value);
      }
      if (chunk.length) inFlight.push(submitChunk(chunk));
    }
  };

  // Boxed: a Future is a thenable, so a promise resolved with one would adopt its value instead.
  const next = (): Promise<{ f: Future<T[]> }> => {
    const box = (f: Future<T[]>) => f.then(() => ({ f }), () => ({ f }));
    const pick = ordered ? box(inFlight[0]!) : Promise.race(inFlight.map(box));
    if (deadline === undefined) return pick;
    return new Promise((resolve, reject) => {
      // Not setTimeout: Node fires a delay of 2^31 ms or more (and Infinity) after 1 ms.
      const timer = setLongTimeout(() => reject(new TimeoutError(`map() timed out after ${timeoutMs} ms`)), Math.max(0, deadline - Date.now()));
      pick.then((f) => { timer.clear(); resolve(f); });
    });
  };

  try {
    await fill();
    while (inFlight.length) {
      const { f } = await next();
      inFlight.splice(inFlight.indexOf(f), 1);
      const values = await f; // throws the task's error: the rest is cancelled in `finally`
      await fill();
      for (const v of values) yield v;
    }
  } finally {
    for (const f of inFlight) f.cancel();
    if (!exhausted) await (it as AsyncIterator<unknown>).return?.();
  }
}
