// submit(): values come back; errors keep name, message, stack, cause and own properties; non-Errors are wrapped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThrownValueError } from '@multicore-js/multicore';
import { KINDS, task } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: submit returns the task's value`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    assert.equal(await ex.submit((a: number, b: number) => a * b, 6, 7), 42);
    assert.deepEqual(await ex.submit((o: { x: number[] }) => ({ sum: o.x.reduce((s, v) => s + v, 0) }), { x: [1, 2, 3] }), { sum: 6 });
    assert.equal(
      await ex.submit(async (ms: number) => {
        await new Promise((r) => setTimeout(r, ms));
        return 'late';
      }, 5),
      'late',
    );
    assert.equal(await ex.submit(task('add'), 2, 3), 5);
  });

  test(`${name}: a thrown error keeps name, message, stack, cause and properties`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const f = ex.submit(task('fail'), 'boom');
    const err = (await f.exception()) as RangeError & { code: string; cause: Error };
    assert.ok(err instanceof RangeError);
    assert.equal(err.name, 'RangeError');
    assert.equal(err.message, 'boom');
    assert.match(err.stack!, /tasks\.mjs/);
    assert.equal(err.code, 'E_FIXTURE');
    assert.equal(err.cause.message, 'the cause');
    await assert.rejects(f.result(), (e: Error) => e.message === 'boom');
  });

  test(`${name}: throwing a non-Error is wrapped in ThrownValueError`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const err = (await ex
      .submit(() => {
        throw 42;
      })
      .exception()) as ThrownValueError;
    assert.ok(err instanceof ThrownValueError);
    assert.equal(err.value, 42);
    assert.match(err.message, /non-Error value: 42/);
    const err2 = (await ex.submit(() => Promise.reject({ reason: 'nope' })).exception()) as ThrownValueError;
    assert.deepEqual(err2.value, { reason: 'nope' });
    // the worker survived both
    assert.equal(await ex.submit(() => 'still here'), 'still here');
  });
}
