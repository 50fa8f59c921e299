// Pipe: a duplex channel; recvSync blocks a worker until a message or the peer's close.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Pipe, PipeClosedError } from '@multicore-js/multicore/sync';
import { runWorker, terminateAll } from './helpers.js';

after(terminateAll);

for (const mode of ['sync', 'async']) {
  test(`a worker echoes 1,000 messages in order (worker uses ${mode === 'sync' ? 'recvSync' : 'recv'})`, { timeout: 30_000 }, async () => {
    const [mine, theirs] = Pipe();
    const done = runWorker('pipe.mjs', { conn: theirs, mode });
    for (let i = 0; i < 1000; i++) {
      mine.send(i);
      assert.equal(await mine.recv({ timeoutMs: 20_000 }), i * 2);
    }
    mine.send('bye');
    assert.equal(await mine.recv({ timeoutMs: 20_000 }), 'bye');
    assert.equal(await done, 'done');
    await assert.rejects(mine.recv({ timeoutMs: 20_000 }), PipeClosedError, 'the peer closed: recv ends');
    mine.close();
  });
}

test('messages sent before close() are still received, then PipeClosedError', async () => {
  const [a, b] = Pipe();
  a.send({ x: 1 });
  a.send([2]);
  a.close();
  assert.throws(() => a.send(3), PipeClosedError);
  assert.equal(b.poll(), true);
  assert.deepEqual(await b.recv(), { x: 1 });
  assert.deepEqual(b.recvSync(), [2]);
  await assert.rejects(b.recv(), PipeClosedError);
  b.close();
});
