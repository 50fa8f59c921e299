// asCompleted: yields futures (or plain promises) as they settle, like asyncio.as_completed /
// concurrent.futures.as_completed. Each input is yielded once (duplicates removed), itself.
import { TimeoutError } from './errors.js';
import { Future } from './future.js';
import { checkTimeout } from './validate.js';

export function asCompleted<F extends PromiseLike<unknown>>(futures: Iterable<F>, options?: { timeoutMs?: number }): AsyncIterableIterator<F> {
  if (futures == null || typeof (futures as Iterable<F>)[Symbol.iterator] !== 'function') {
    throw new TypeError('asCompleted(futures): futures must be an iterable of Futures or promises');
  }
  const timeoutMs = checkTimeout(options, 'asCompleted');
  const all = new Set<F>();
  for (const f of futures) {
    if (f === null || (typeof f !== 'object' && typeof f !== 'function') || typeof f.then !== 'function') {
      throw new TypeError('asCompleted(futures): every element must be a Future or a promise');
    }
    all.add(f);
  }
  const done: F[] = [];
  let wake: (() => void) | null = null;
  const push = (f: F): void => {
    done.push(f);
    const w = wake;
    wake = null;
    w?.();
  };
  for (const f of all) {
    if (f instanceof Future) f.addDoneCallback(() => push(f));
    else Promise.resolve(f).then(() => push(f), () => push(f));
  }
  const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
  return (async function* () {
    for (let yielded = 0; yielded < all.size; yielded++) {
      if (done.length === yielded) {
        const left = deadline - performance.now();
        if (left <= 0) throw new TimeoutError(`asCompleted(): ${all.size - yielded} of ${all.size} unfinished after ${timeoutMs} ms`);
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (deadline !== Infinity) timer = setTimeout(resolve, left);
        });
        clearTimeout(timer);
        if (done.length === yielded) throw new TimeoutError(`asCompleted(): ${all.size - yielded} of ${all.size} unfinished after ${timeoutMs} ms`);
      }
      yield done[yielded];
    }
  })();
}
