// Sync primitives made for threads live in SharedArrayBuffers, which cannot cross a process boundary: handing one to a
// ProcessPoolExecutor is refused at once with a TypeError that names the argument and says what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lock, Pipe, ProcessPoolExecutor, Queue, SharedValue } from '@multicore-js/multicore';
import { task } from './helpers.js';

const REFUSED =
  /cannot be sent to a process worker: it lives in memory shared with threads only; make it with acrossProcesses\(\(\) => ...\) to share it with processes, or use ThreadPoolExecutor/;

test('ProcessPoolExecutor.submit refuses a Lock, Queue, SharedValue or Connection argument with a TypeError naming it', {
  timeout: 30_000,
}, async () => {
  const ex = new ProcessPoolExecutor({ maxWorkers: 1 });
  try {
    const [conn] = Pipe();
    const cases: [unknown[], RegExp][] = [
      [[new Lock()], /args\[0\] \(Lock\)/],
      [[1, new Queue()], /args\[1\] \(Queue\)/],
      [[{ counter: new SharedValue('int32', 0) }], /args\[0\]\.counter \(SharedValue\)/],
      [[[1, [conn]]], /args\[0\]\[1\]\[0\] \(Connection\)/],
    ];
    for (const [args, where] of cases) {
      assert.throws(
        () => ex.submit(task('add'), ...args),
        (err: Error) => {
          assert.equal(err.name, 'TypeError');
          assert.match(err.message, REFUSED);
          assert.match(err.message, where);
          return true;
        },
      );
    }
    // the executor is unharmed
    assert.equal(await ex.submit(task('add'), 1, 2), 3);
  } finally {
    await ex.shutdown();
  }
});

test('ProcessPoolExecutor.map and initArgs refuse sync primitives too', { timeout: 30_000 }, async () => {
  assert.throws(
    () => new ProcessPoolExecutor({ maxWorkers: 1, initializer: task('setup'), initArgs: [new Lock()] }),
    (err: Error) => err.name === 'TypeError' && REFUSED.test(err.message) && /initArgs\[0\] \(Lock\)/.test(err.message),
  );
  const ex = new ProcessPoolExecutor({ maxWorkers: 1 });
  try {
    const it = ex.map(task('double'), [1, { lock: new Lock() } as unknown as number]);
    await assert.rejects(
      async () => {
        for await (const _ of it) {
          /* drain */
        }
      },
      (err: Error) => err.name === 'TypeError' && REFUSED.test(err.message) && /\(Lock\)/.test(err.message),
    );
  } finally {
    await ex.shutdown();
  }
});
