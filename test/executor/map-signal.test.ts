// map(..., { signal }): aborting stops the iteration with an AbortError (cause: the signal's reason),
// cancels the chunks in flight, closes the input, and leaves no listener on the signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: aborting a map's signal rejects the iteration and cancels what is in flight`, { timeout: 60_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const ac = new AbortController();
    let closed = false;
    function* input(): Generator<number> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    const it = ex.map(task('sleep'), [1, 60_000, 60_000, 60_000][Symbol.iterator](), input(), { signal: ac.signal, bufferSize: 4 });
    assert.equal((await it.next()).value, 0, 'sleep(1, 0) → 0');
    await until(() => ex.stats().inFlight > 0);
    const reason = new Error('client gone');
    ac.abort(reason);
    const err = await it.next().then(
      () => assert.fail('resolved'),
      (e: Error) => e,
    );
    assert.equal(err.name, 'AbortError');
    assert.equal(err.cause, reason);
    assert.equal(closed, true, 'the input was closed');
    await until(() => ex.stats().inFlight === 0 && ex.stats().queued === 0);
    assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
    assert.ok(ex.stats().cancelled >= 1);
  });

  test(`${name}: a map whose signal is already aborted rejects at its first next(), running nothing`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const it = ex.map(task('double'), [1, 2, 3], { signal: AbortSignal.abort('stop') });
    await assert.rejects(it.next(), { name: 'AbortError' });
    assert.equal(ex.stats().completed + ex.stats().inFlight + ex.stats().queued, 0);
  });
}
