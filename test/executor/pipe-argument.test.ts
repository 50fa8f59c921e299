// A Pipe Connection passed to a ThreadPoolExecutor task moves to the worker (its MessagePort goes in
// postMessage's transfer list): the task sends on it and the main thread receives, and the reverse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipe, ThreadPoolExecutor, type Connection } from '@multicore-js/multicore';

test('ThreadPoolExecutor: a task sends on a Connection it was given; the main thread receives', { timeout: 30_000 }, async () => {
  const ex = new ThreadPoolExecutor({ maxWorkers: 2 });
  try {
    const [here, there] = Pipe();
    const f = ex.submit(
      (conn: Connection, x: number) => {
        conn.send({ doubled: x * 2 });
        return 'sent';
      },
      there,
      21,
    );
    assert.deepEqual(await here.recv({ timeoutMs: 20_000 }), { doubled: 42 });
    assert.equal(await f, 'sent');
  } finally {
    await ex.shutdown();
  }
});

test('ThreadPoolExecutor: several tasks in one batch, each with its own Connection (nested in an object), answer on it', {
  timeout: 30_000,
}, async () => {
  const ex = new ThreadPoolExecutor({ maxWorkers: 2 });
  try {
    const pipes = Array.from({ length: 6 }, () => Pipe());
    // submitted in one synchronous loop: dispatched together, so the transfer lists are merged
    const futures = pipes.map(([, there], i) =>
      ex.submit(
        (o: { conn: Connection; i: number }) => {
          const asked = o.conn.recvSync({ timeoutMs: 20_000 }) as number;
          o.conn.send(asked + o.i);
          return o.i;
        },
        { conn: there, i },
      ),
    );
    for (const [i, [here]] of pipes.entries()) here.send(100 * i);
    const answers = await Promise.all(pipes.map(([here]) => here.recv({ timeoutMs: 20_000 })));
    assert.deepEqual(
      answers,
      pipes.map((_, i) => 100 * i + i),
    );
    assert.deepEqual(
      await Promise.all(futures),
      pipes.map((_, i) => i),
    );
  } finally {
    await ex.shutdown();
  }
});
