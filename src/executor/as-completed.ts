// asCompleted: yields futures (or plain promises) as they settle, like asyncio.as_completed /
// concurrent.futures.as_completed. Each input is yielded once (duplicates removed), itself.
import { TimeoutError } from './errors.js';
import { Future } from './future.js';
import { checkTimeout } from './validate.js';

export function asCompleted<F extends PromiseLike<unknown>>(
  futures: Iterable<F>,
  options?: { timeoutMs?: number },
): AsyncIterableIterator<F> {
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
    else
      Promise.resolve(f).then(
        () => push(f),
        () => push(f),
      );
  }
  const deadline = timeoutMs === undefined ? Infinity : performance.now() + timeoutMs;
  // A hand-written iterator, not an async generator: `yield` would await the thenables it yields.
  let yielded = 0;
  const iterator: AsyncIterableIterator<F> = {
    [Symbol.asyncIterator]() {
      return iterator;
    },
    async next(): Promise<IteratorResult<F>> {
      if (yielded >= all.size) return { done: true, value: undefined };
      if (done.length === yielded) {
        const left = deadline - performance.now();
        let timer: NodeJS.Timeout | undefined;
        if (left > 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            if (deadline !== Infinity) timer = setTimeout(resolve, left);
          });
          clearTimeout(timer);
        }
        if (done.length === yielded) {
          yielded = all.size; // finished: later calls report done
          throw new TimeoutError(`asCompleted(): ${all.size - done.length} of ${all.size} unfinished after ${timeoutMs} ms`);
        }
      }
      return { done: false, value: done[yielded++] };
    },
    async return(): Promise<IteratorResult<F>> {
      yielded = all.size;
      return { done: true, value: undefined };
    },
  };
  return iterator;
}
