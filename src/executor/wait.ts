// wait: concurrent.futures.wait / asyncio.wait for Futures and plain promises. Never throws for the
// tasks' errors; returns which are done and which are not when the condition (or the timeout) is met.
import { Future, State } from './future.js';
import { checkTimeout } from './validate.js';

export type ReturnWhen = 'FIRST_COMPLETED' | 'FIRST_EXCEPTION' | 'ALL_COMPLETED';
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';

export async function wait<F extends PromiseLike<unknown>>(
  futures: Iterable<F>,
  options: { timeoutMs?: number; returnWhen?: ReturnWhen } = {},
): Promise<{ done: Set<F>; notDone: Set<F> }> {
  if (futures == null || typeof (futures as Iterable<F>)[Symbol.iterator] !== 'function') {
    throw new TypeError('wait(futures): futures must be an iterable of Futures or promises');
  }
  const timeoutMs = checkTimeout(options, 'wait');
  const returnWhen = options.returnWhen ?? ALL_COMPLETED;
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    throw new RangeError(`wait: returnWhen must be 'FIRST_COMPLETED', 'FIRST_EXCEPTION' or 'ALL_COMPLETED', got ${String(returnWhen)}`);
  }
  const all = new Set<F>();
  for (const f of futures) {
    if (f === null || (typeof f !== 'object' && typeof f !== 'function') || typeof f.then !== 'function') {
      throw new TypeError('wait(futures): every element must be a Future or a promise');
    }
    all.add(f);
  }
  const done = new Set<F>();
  let failed = false;
  let finish: (() => void) | null = null;
  const met = (): boolean =>
    done.size === all.size || (returnWhen === FIRST_COMPLETED && done.size > 0) || (returnWhen === FIRST_EXCEPTION && failed);
  const record = (f: F, error: boolean): void => {
    done.add(f);
    if (error) failed = true;
    if (finish && met()) finish();
  };
  for (const f of all) {
    if (f instanceof Future) f.addDoneCallback(() => record(f, f._state === State.Failed));
    else
      Promise.resolve(f).then(
        () => record(f, false),
        () => record(f, true),
      );
  }
  if (!met() && timeoutMs !== 0) {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      finish = resolve;
      if (timeoutMs !== undefined) timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
  }
  const notDone = new Set<F>();
  for (const f of all) if (!done.has(f)) notDone.add(f);
  return { done, notDone };
}
