// Per-task options (`submitWith(options, task, ...args)`, and `map`'s `signal`): validated here, and the
// glue that lets a task's AbortSignal cancel its future, with the listener removed once the future settles.
import { abortError } from './errors.js';
import type { Future } from './future.js';
import { checkOptionsObject } from './validate.js';

export interface TaskOptions {
  /** Aborting it cancels the task: a queued task is dropped; a running one has its own signal raised in the
   *  worker (terminated after timeoutGraceMs if it goes on). The future rejects with an AbortError whose
   *  cause is the signal's reason. An already-aborted signal rejects the future at once. */
  signal?: AbortSignal;
}

const KNOWN = new Set(['signal']);

/** `options.signal` checked: undefined or an AbortSignal. */
export function checkSignal(signal: unknown, where: string): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  const s = signal as AbortSignal | null;
  if (typeof s !== 'object' || s === null || typeof s.aborted !== 'boolean' || typeof s.addEventListener !== 'function') {
    throw new TypeError(`${where}: signal must be an AbortSignal, got ${s === null ? 'null' : typeof s}`);
  }
  return s;
}

export function checkTaskOptions(options: unknown, where: string): TaskOptions {
  if (options === undefined) throw new TypeError(`${where}: the first argument must be an options object ({ signal })`);
  const o = checkOptionsObject(options, where);
  for (const key of Object.keys(o)) if (!KNOWN.has(key)) throw new TypeError(`${where}: unknown option '${key}'`);
  return { signal: checkSignal(o.signal, where) };
}

/** The futures waiting on each signal: one 'abort' listener per signal, however many tasks share it (a
 *  server's shutdown signal, a map's), so Node's MaxListeners warning never fires and aborting is O(tasks). */
const watched = new WeakMap<AbortSignal, { futures: Set<Future<any>>; onAbort: () => void }>();

/** Cancels `f` with an AbortError when `signal` aborts; `f` is forgotten once it settles, however it settles,
 *  and the listener is removed with the signal's last future. */
export function cancelOnAbort(f: Future<any>, signal: AbortSignal): void {
  let w = watched.get(signal);
  if (!w) {
    const futures = new Set<Future<any>>();
    const onAbort = (): void => {
      watched.delete(signal);
      const error = abortError(signal.reason);
      for (const g of [...futures]) g._cancelWith(error);
    };
    w = { futures, onAbort };
    watched.set(signal, w);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  const entry = w;
  entry.futures.add(f);
  f.addDoneCallback(() => {
    entry.futures.delete(f);
    if (entry.futures.size === 0 && watched.get(signal) === entry) {
      watched.delete(signal);
      signal.removeEventListener('abort', entry.onAbort);
    }
  });
}
