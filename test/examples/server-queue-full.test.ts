// examples/server: with the worker busy and MAX_QUEUE requests waiting, the next request is shed at
// once with 503 and a Retry-After; /health counts it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LONG_TILE, startApp } from './server-app.js';

test('server example: a full queue answers 503 with Retry-After', { timeout: 120_000 }, async () => {
  const app = await startApp({ WORKERS: '1', MAX_QUEUE: '2', SHUTDOWN_TIMEOUT_MS: '0' });
  try {
    const held = [app.request(LONG_TILE)];
    await app.healthUntil((h) => h.executor.busyWorkers === 1);
    held.push(app.request(LONG_TILE), app.request(LONG_TILE));
    await app.healthUntil((h) => h.executor.queued === 2);

    const shed = await app.request('/tile?size=16&maxIter=50').reply;
    assert.equal(shed.status, 503);
    assert.match(String(shed.headers['retry-after']), /^[1-9]\d*$/);
    const h = await app.health();
    assert.equal(h.requests.shed, 1);
    assert.equal(h.executor.rejected, 1);
    assert.equal(h.executor.queued, 2, 'the shed request was never queued');

    // Shutting down with a deadline of 0: the three held requests are aborted and answered 503.
    const { code } = await app.stop('SIGTERM');
    assert.equal(code, 0, app.output());
    for (const r of held) {
      const reply = await r.reply;
      assert.equal(reply.status, 503);
      assert.match(reply.body.toString(), /shutting down/);
    }
    assert.ok(
      app.lines.some((l) => l.includes('aborting 3 request(s)')),
      app.output(),
    );
  } finally {
    app.child.kill('SIGKILL');
  }
});
