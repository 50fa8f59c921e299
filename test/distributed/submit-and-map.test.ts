// submit/map through real workers: values (typed arrays, Buffers, Maps, BigInt) arrive and return intact;
// map keeps order with chunks; futures work with asCompleted and wait.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { type DistributedExecutor, asCompleted, wait } from '@multicore-js/multicore';
import { type RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { startCluster, stopCluster, queueName, tasksModule, type WorkerProcess } from '../helpers/cluster.js';

const skip = skipWithoutRedis();

describe('DistributedExecutor submit and map', { skip }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let ex: DistributedExecutor;
  const queue = queueName('basic');

  before(async () => {
    ({ redis, workers, ex } = await startCluster({ queue }));
  });
  after(() => stopCluster({ redis, workers, ex }));

  it('runs a named task and returns its result', async () => {
    assert.equal(await ex.submit('square', 7), 49);
    assert.equal(await ex.submit({ name: 'add' }, 2, 3), 5);
    assert.equal(await ex.submit({ module: tasksModule, name: 'add' }, 2, 3), 5);
    assert.equal(await ex.submit({ module: 'tasks', name: 'add' }, 1, 1), 2);
  });

  it('keeps typed arrays, Buffers, Maps, Dates and BigInts', async () => {
    const value = {
      f64: Float64Array.from({ length: 1000 }, (_, i) => i / 3),
      u8: new Uint8Array([1, 2, 3]),
      buf: Buffer.from('hello'),
      map: new Map([['a', 1n << 70n]]),
      date: new Date(1234567890),
      nested: [{ set: new Set([1, 2]) }],
    };
    const back = (await ex.submit('echo', value)) as typeof value;
    assert.deepEqual(back, value);
    assert.ok(back.f64 instanceof Float64Array);
    assert.ok(Buffer.isBuffer(back.buf));
    assert.ok(back.u8 instanceof Uint8Array && !Buffer.isBuffer(back.u8));
    assert.deepEqual(await ex.submit('describe', new Int32Array(5)), { type: '[object Int32Array]', ctor: 'Int32Array', length: 5 });
  });

  it('map yields every result in input order, with chunks and lazily consumed input', async () => {
    function* input() {
      for (let i = 0; i < 50; i++) yield i;
    }
    const out: number[] = [];
    for await (const y of ex.map<number>('square', input(), { chunkSize: 7, bufferSize: 3 })) out.push(y);
    assert.deepEqual(
      out,
      Array.from({ length: 50 }, (_, i) => i * i),
    );
  });

  it('map with ordered: false yields every result once', async () => {
    async function* input() {
      for (let i = 0; i < 20; i++) yield i;
    }
    const out: number[] = [];
    for await (const y of ex.map<number>('square', input(), { ordered: false })) out.push(y);
    assert.deepEqual(
      out.sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i * i),
    );
  });

  it('futures work with asCompleted and wait', async () => {
    const fs = Array.from({ length: 10 }, (_, i) => ex.submit<number>('square', i));
    const seen: number[] = [];
    for await (const f of asCompleted(fs)) seen.push(await f);
    assert.deepEqual(
      seen.sort((a, b) => a - b),
      Array.from({ length: 10 }, (_, i) => i * i),
    );
    const { done, notDone } = await wait(fs, { returnWhen: 'ALL_COMPLETED' });
    assert.equal(done.size, 10);
    assert.equal(notDone.size, 0);
  });
});
