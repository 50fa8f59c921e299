// examples/server: a client that disconnects mid-request cancels its work. Queued, its task is
// dropped before it starts; running, its kernel is stopped by the task's signal (counted by the
// worker itself in shared memory) and the worker is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LONG_TILE, startApp } from './server-app.js';

test('server example: disconnecting clients abort their queued task and their running kernel', { timeout: 120_000 }, async () => {
  const app = await startApp({ WORKERS: '1', MAX_QUEUE: '2' });
  try {
    const running = app.request(LONG_TILE);
    running.reply.catch(() => {});
    // Its kernel is computing (counted by the task itself, in shared memory).
    await app.healthUntil((h) => h.kernelsRunning === 1);
    const queued = app.request(LONG_TILE);
    queued.reply.catch(() => {});
    await app.healthUntil((h) => h.executor.queued === 1);

    // The queued one goes first: removed from the queue, its kernel never started.
    queued.request.destroy();
    let h = await app.healthUntil((x) => x.requests.cancelled === 1);
    assert.equal(h.executor.queued, 0);
    assert.equal(h.executor.busyWorkers, 1, 'the running task is untouched');
    assert.equal(h.abortedKernels, 0);

    // Then the running one: its kernel sees the signal and stops.
    running.request.destroy();
    await app.healthUntil((x) => x.abortedKernels === 1);
    h = await app.healthUntil((x) => x.requests.cancelled === 2 && x.executor.busyWorkers === 0 && x.kernelsRunning === 0);
    assert.equal(h.executor.completed, 0, 'neither tile was finished');
    assert.equal(h.executor.crashedWorkers, 0, 'the kernel stopped itself: no worker was terminated');
    assert.equal(app.lines.filter((l) => /request \d+ cancelled \(request \d+: client disconnected\)/.test(l)).length, 2, app.output());

    // The same worker serves the next request.
    const after = await app.request('/tile?size=16&maxIter=50').reply;
    assert.equal(after.status, 200);

    const { code } = await app.stop('SIGINT');
    assert.equal(code, 0, app.output());
  } finally {
    app.child.kill('SIGKILL');
  }
});
