// examples/server: under a short load every tile comes back right (checked against the JS kernel),
// /health reports the executor's stats, and SIGTERM stops it with exit code 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mandelbrot } from '@multicore-js/multicore';
import { startApp } from './server-app.js';
// The example's own helpers, to build the expected images from an independent (JS backend) render.
// @ts-expect-error: a plain .mjs file without types
import { tileBounds, toPgm } from '../../examples/server/tiles.mjs';

test('server example: a short load, every tile correct, then a clean exit', { timeout: 120_000 }, async () => {
  const app = await startApp({ WORKERS: '2', MAX_QUEUE: '4' });
  try {
    const tiles = Array.from({ length: 24 }, (_, i) => ({ zoom: 2, x: i % 4, y: (i >> 2) % 4, size: 32, maxIter: 100 + 50 * (i % 3) }));
    let next = 0;
    // Three requests in flight at most: within 2 workers + a queue of 4, so none is shed.
    const lane = async () => {
      while (next < tiles.length) {
        const t = tiles[next++];
        const r = await app.request(`/tile?zoom=${t.zoom}&x=${t.x}&y=${t.y}&size=${t.size}&maxIter=${t.maxIter}`).reply;
        assert.equal(r.status, 200, r.body.toString());
        assert.equal(r.headers['content-type'], 'image/x-portable-graymap');
        const counts = await mandelbrot(
          { width: t.size, height: t.size, maxIter: t.maxIter, ...tileBounds(t.zoom, t.x, t.y) },
          { backend: 'js' },
        );
        assert.ok(Buffer.compare(r.body, toPgm(counts, t.size, t.maxIter)) === 0, `tile ${JSON.stringify(t)} differs`);
      }
    };
    await Promise.all([lane(), lane(), lane()]);

    const h = await app.health();
    assert.equal(h.status, 'ok');
    assert.equal(h.requests.served, tiles.length);
    assert.equal(h.requests.shed, 0);
    assert.equal(h.executor.workers, 2);
    assert.equal(h.executor.maxQueue, 4);
    assert.equal(h.executor.completed, tiles.length);
    assert.equal(h.executor.queued, 0);

    const bad = await app.request('/tile?zoom=1&x=2').reply;
    assert.equal(bad.status, 400);
    assert.match(bad.body.toString(), /x must be an integer from 0 to 1/);

    const { code } = await app.stop('SIGTERM');
    assert.equal(code, 0, app.output());
    assert.ok(
      app.lines.some((l) => l.includes(`stopped: ${tiles.length} served, 0 shed, 0 cancelled`)),
      app.output(),
    );
  } finally {
    app.child.kill('SIGKILL');
  }
});
