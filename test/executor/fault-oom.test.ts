// A worker thread that exceeds resourceLimits fails its task with WorkerCrashedError (ERR_WORKER_OUT_OF_MEMORY).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor, WorkerCrashedError } from '@multicore-js/multicore';
import { task } from './helpers.js';

test('ThreadPoolExecutor: exceeding resourceLimits crashes only that task', { timeout: 60_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 2, resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
  const others = Array.from({ length: 10 }, (_, i) => ex.submit(task('sleep'), 5, i));
  const err = await ex.submit(task('allocateForever')).exception();
  assert.ok(err instanceof WorkerCrashedError, String(err));
  assert.equal((err.cause as { code?: string })?.code, 'ERR_WORKER_OUT_OF_MEMORY');
  assert.match(err.message, /out of memory/);
  assert.deepEqual(
    await Promise.all(others),
    Array.from({ length: 10 }, (_, i) => i),
  );
  assert.equal(await ex.submit(task('add'), 1, 2), 3);
});

test('resourceLimits is checked, and refused for processes', () => {
  assert.throws(() => new ThreadPoolExecutor({ resourceLimits: { maxOldGenerationSizeMb: -1 } }), {
    name: 'RangeError',
    message: /maxOldGenerationSizeMb/,
  });
  assert.throws(() => new ThreadPoolExecutor({ resourceLimits: { heap: 1 } as never }), { name: 'TypeError', message: /heap/ });
});
