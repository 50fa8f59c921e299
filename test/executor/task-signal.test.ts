// A per-task AbortSignal (issue 16: a request's signal cancels its task): submitWith({ signal }, task, ...).
// Already aborted → rejected at once; aborted while queued → dropped; aborted while running → the task's
// own signal is raised in the worker, and a task that ignores it loses its worker after timeoutGraceMs.
// The future rejects with an AbortError (cause: the signal's reason) exactly once; no listener is left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { ThreadPoolExecutor } from '@multicore-js/multicore';
import { KINDS, task, until } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: an already-aborted signal rejects the future at once; nothing runs`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const reason = new Error('client gone');
    const f = ex.submitWith({ signal: AbortSignal.abort(reason) }, task('double'), 2);
    assert.equal(f.done(), true);
    assert.equal(f.cancelled(), true);
    const err = await f.result().then(
      () => assert.fail('resolved'),
      (e: Error) => e,
    );
    assert.equal(err.name, 'AbortError');
    assert.equal(err.cause, reason);
    assert.equal(ex.stats().completed + ex.stats().queued + ex.stats().inFlight, 0);
  });

  test(`${name}: aborting a queued task removes it from the queue`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const first = new AbortController();
    const running = ex.submitWith({ signal: first.signal }, task('waitForAbort'));
    await until(() => running.running());
    const ac = new AbortController();
    const queued = ex.submitWith({ signal: ac.signal }, task('whoami'));
    assert.equal(ex.stats().queued, 1);
    ac.abort('bye');
    assert.equal(ex.stats().queued, 0);
    const err = await queued.exception().then(
      () => assert.fail('exception() resolved'),
      (e: Error) => e,
    );
    assert.equal(err.name, 'AbortError');
    assert.equal((err as Error).cause, 'bye');
    first.abort();
    await assert.rejects(running.result(), { name: 'AbortError' });
    assert.equal(ex.stats().completed, 0, 'the queued task never ran');
  });

  test(`${name}: aborting a running task raises its own signal in the worker`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const who = await ex.submit(task('whoami'));
    const ac = new AbortController();
    const f = ex.submitWith({ signal: ac.signal }, task('waitForAbort'));
    await until(() => f.running());
    const reason = new RangeError('deadline');
    ac.abort(reason);
    const err = await f.result().then(
      () => assert.fail('resolved'),
      (e: Error) => e,
    );
    assert.equal(err.name, 'AbortError');
    assert.equal(err.cause, reason);
    // the task saw its signal (with an AbortError as reason) and returned: same worker, not terminated
    await until(() => ex.stats().inFlight === 0);
    assert.equal(await ex.submit(task('lastAbort')), 'AbortError');
    assert.equal(await ex.submit(task('whoami')), who, 'the worker was kept');
  });

  test(`${name}: a running task that ignores its signal loses its worker after the grace period`, { timeout: 60_000 }, async () => {
    await using ex = make({ maxWorkers: 1, timeoutGraceMs: 100 });
    const who = await ex.submit(task('whoami'));
    const ac = new AbortController();
    const f = ex.submitWith({ signal: ac.signal }, task('spinForever'));
    await until(() => f.running());
    let settled = 0;
    f.addDoneCallback(() => settled++);
    ac.abort();
    await assert.rejects(f.result(), { name: 'AbortError' });
    const next = await ex.submit(task('whoami')).result({ timeoutMs: 30_000 });
    assert.notEqual(next, who, 'the spinning worker was terminated and replaced');
    assert.equal(settled, 1, 'settled exactly once');
    assert.equal(ex.stats().crashedWorkers, 0, 'a planned termination, not a crash');
  });
}

test('no abort listener is left behind, however the task settles', { timeout: 60_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 2 });
  const ac = new AbortController();
  const many = Array.from({ length: 500 }, (_, i) => ex.submitWith({ signal: ac.signal }, (x: number) => x + 1, i));
  assert.equal(getEventListeners(ac.signal, 'abort').length, 1, 'one listener for every task sharing the signal');
  await Promise.all(many);
  await ex.submitWith({ signal: ac.signal }, task('fail'), 'x').exception();
  const cancelled = ex.submitWith({ signal: ac.signal }, task('sleep'), 10_000);
  cancelled.cancel();
  assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
  // and a shared signal still aborts every task it was given to
  const stop = new AbortController();
  const two = [ex.submitWith({ signal: stop.signal }, task('waitForAbort')), ex.submitWith({ signal: stop.signal }, task('sleep'), 10_000)];
  stop.abort();
  for (const f of two) await assert.rejects(f.result(), { name: 'AbortError' });
  assert.equal(getEventListeners(stop.signal, 'abort').length, 0);
});

test('submitWith checks its options', async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 1 });
  assert.throws(() => ex.submitWith(undefined as never, task('double'), 1), { name: 'TypeError', message: /submitWith/ });
  assert.throws(() => ex.submitWith({ signal: {} as AbortSignal }, task('double'), 1), {
    name: 'TypeError',
    message: /signal must be an AbortSignal/,
  });
  assert.throws(() => ex.submitWith({ sginal: 1 } as never, task('double'), 1), { name: 'TypeError', message: /unknown option 'sginal'/ });
  assert.equal(await ex.submitWith({}, task('double'), 4), 8);
});
