// examples/server: SIGTERM stops accepting at once, lets the request in flight finish, then shuts the
// executor down and exits 0 with nothing left running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './server-app.js';

test('server example: SIGTERM finishes the request in flight, refuses new connections, exits 0', { timeout: 180_000 }, async () => {
  // A generous deadline: the point is that the request in flight is finished, not how fast.
  const app = await startApp({ WORKERS: '1', MAX_QUEUE: '1', SHUTDOWN_TIMEOUT_MS: '150000' });
  try {
    // Long enough to be still running when SIGTERM arrives: the test waits until it is.
    const inFlight = app.request('/tile?zoom=2&x=2&y=1&size=64&maxIter=200000');
    await app.healthUntil((h) => h.executor.busyWorkers === 1);
    const exit = app.stop('SIGTERM');
    await new Promise<void>((resolve) => {
      const check = () => (app.lines.some((l) => l.includes('SIGTERM: stopped accepting')) ? resolve() : setTimeout(check, 20));
      check();
    });
    await assert.rejects(app.request('/health').reply, { code: 'ECONNREFUSED' });

    const reply = await inFlight.reply;
    assert.equal(reply.status, 200, reply.body.toString());
    assert.equal(reply.body.length, 'P5\n64 64\n255\n'.length + 64 * 64);
    const { code } = await exit;
    assert.equal(code, 0, app.output());
    assert.ok(
      app.lines.some((l) => l.includes('stopped: 1 served, 0 shed, 0 cancelled, 0 kernel(s) aborted')),
      app.output(),
    );
    // The process is gone: its worker threads with it.
    assert.throws(() => process.kill(app.child.pid!, 0), { code: 'ESRCH' });
  } finally {
    app.child.kill('SIGKILL');
  }
});
