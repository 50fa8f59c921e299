// Future: cancel, cancelled, running, done, result({ timeoutMs }), exception, addDoneCallback, then.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, Future, TimeoutError } from '@multicore-js/multicore';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: Future state, result, exception and done callbacks`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const f = ex.submit(task('sleep'), 1500, 'v'); // long enough to be surely running during the checks below
    assert.ok(f instanceof Future);
    const calls: unknown[] = [];
    f.addDoneCallback((x) => calls.push(x));
    await until(() => f.running());
    assert.equal(f.done(), false);
    await assert.rejects(f.result({ timeoutMs: 10 }), TimeoutError);
    assert.equal(f.done(), false, 'a result() timeout does not cancel');
    assert.equal(await f.result(), 'v');
    assert.equal(await f, 'v', 'a Future is a thenable');
    assert.equal(await f.exception(), undefined);
    assert.ok(f.done());
    assert.equal(f.running(), false);
    assert.equal(f.cancel(), false, 'a finished future cannot be cancelled');
    assert.deepEqual(calls, [f]);
    let late: unknown;
    f.addDoneCallback((x) => {
      late = x;
    });
    assert.equal(late, f, 'a callback added after completion runs at once');

    const c = ex.submit(task('sleep'), 1, 'never');
    assert.equal(c.cancel(), true);
    assert.equal(c.cancelled(), true);
    assert.equal(c.cancel(), true, 'cancel() again still reports cancelled');
    await assert.rejects(c.result(), CancelledError);
    await assert.rejects(c.exception(), CancelledError);
    assert.throws(() => f.addDoneCallback(5 as never), TypeError);
    assert.throws(() => f.result({ timeoutMs: -5 }), RangeError);
  });
}
