// A Pipe made with acrossProcesses: its ends cross to process tasks as arguments, and behave as a
// thread Pipe's (order kept both ways, sync and async forms, close then drain, timeout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acrossProcesses, type Connection, Pipe, PipeClosedError, ProcessPoolExecutor } from '@multicore-js/multicore';
import { NO_SHM } from './helpers.js';

const N = 1_000;

test('Pipe across processes: parent <-> process task ping-pong, 1,000 messages each way, in order', {
  skip: NO_SHM,
  timeout: 120_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
  const [parent, child] = acrossProcesses(() => Pipe());
  const echo = pool.submit(
    async (conn: Connection, n: number) => {
      for (let i = 0; i < n; i++) {
        const m = (await conn.recv()) as { i: number };
        conn.send({ i: m.i, reply: `pong ${m.i}` });
      }
      return 'done';
    },
    child,
    N,
  );
  for (let i = 0; i < N; i++) {
    parent.send({ i });
    assert.deepEqual(await parent.recv(), { i, reply: `pong ${i}` });
  }
  assert.equal(await echo, 'done');
  assert.equal(parent.poll(), false);
});

test('Pipe across processes: recvSync in a process task; close -> PipeClosedError on the other end after draining', {
  skip: NO_SHM,
  timeout: 120_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
  const [parent, child] = acrossProcesses(() => Pipe());
  const task = pool.submit((conn: Connection) => {
    const got: unknown[] = [];
    for (;;) {
      try {
        got.push(conn.recvSync());
      } catch (err) {
        return { got, error: (err as Error).name };
      }
    }
  }, child);
  for (let i = 0; i < 50; i++) parent.send(i);
  parent.close();
  assert.throws(() => parent.send(1), PipeClosedError);
  const { got, error } = await task;
  assert.deepEqual(
    got,
    Array.from({ length: 50 }, (_, i) => i),
  );
  assert.equal(error, 'PipeClosedError');
  assert.throws(() => child.send('late'), PipeClosedError);
});

test('Pipe across processes: a process task closes its end; the parent drains it, then gets PipeClosedError', {
  skip: NO_SHM,
  timeout: 120_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
  const [parent, child] = acrossProcesses(() => Pipe());
  await pool.submit((conn: Connection) => {
    conn.send('a');
    conn.send(['b', 2]);
    conn.close();
  }, child);
  assert.equal(await parent.recv(), 'a');
  assert.deepEqual(parent.recvSync(), ['b', 2]);
  await assert.rejects(parent.recv(), PipeClosedError);
  assert.throws(() => parent.send('x'), PipeClosedError);
});

test('Pipe across processes: recv / recvSync time out with a TimeoutError when nothing comes', {
  skip: NO_SHM,
  timeout: 120_000,
}, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
  const [parent, child] = acrossProcesses(() => Pipe());
  await assert.rejects(parent.recv({ timeoutMs: 20 }), (e: Error) => e.name === 'TimeoutError');
  const inTask = await pool.submit((conn: Connection) => {
    try {
      conn.recvSync({ timeoutMs: 20 });
      return 'no timeout';
    } catch (err) {
      return (err as Error).name;
    }
  }, child);
  assert.equal(inTask, 'TimeoutError');
  // Nothing was lost by the timeouts: a later message still arrives.
  child.send('late');
  assert.equal(await parent.recv({ timeoutMs: 60_000 }), 'late');
  assert.throws(() => parent.send(1, [new ArrayBuffer(8)]), TypeError);
});
