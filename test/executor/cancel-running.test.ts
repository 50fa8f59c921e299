// cancel() on a running task: the future settles with CancelledError and the task's AbortSignal fires in the worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError } from '@multicore-js/multicore';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: cancelling a running task raises its AbortSignal in the worker`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const f = ex.submit(task('waitForAbort'));
    await until(() => f.running());
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(f.cancel(), true);
    await assert.rejects(f.result(), CancelledError);
    // same (only) worker: it saw the abort, and serves the next task
    assert.equal(await ex.submit(task('lastAbort')), 'CancelledError');
  });

  test(`${name}: a source function sees the signal as this.signal and currentSignal()`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const f = ex.submit(function (this: { signal: AbortSignal }) {
      const same = this.signal === currentSignal();
      return new Promise((resolve) => {
        const stop = () => {
          (globalThis as any).saw = same;
          resolve(0);
        };
        if (this.signal.aborted) stop();
        else this.signal.addEventListener('abort', stop);
      });
    });
    await until(() => f.running());
    await new Promise((r) => setTimeout(r, 20));
    f.cancel();
    assert.equal(await ex.submit(() => (globalThis as any).saw), true);
  });
}

declare function currentSignal(): AbortSignal;
