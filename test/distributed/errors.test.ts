// A task's error comes back with its name, message, stack, cause and own fields; a job naming a task the
// worker was not started with fails with UnknownTaskError; a function is refused before anything is sent.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DistributedExecutor, UnknownTaskError } from '@multicore-js/multicore';
import { type RedisServer, skipWithoutRedis } from '../helpers/redis.js';
import { startCluster, stopCluster, queueName, tasksModule, otherModule, type WorkerProcess } from '../helpers/cluster.js';

const skip = skipWithoutRedis();

describe('DistributedExecutor errors', { skip }, () => {
  let redis: RedisServer;
  let workers: WorkerProcess[] = [];
  let ex: DistributedExecutor;
  const queue = queueName('errors');

  before(async () => {
    ({ redis, workers, ex } = await startCluster({ queue, workers: [{ tasks: [tasksModule, otherModule] }], byUrl: true }));
  });
  after(() => stopCluster({ redis, workers, ex }));

  it('keeps name, message, stack and own fields of a custom error', async () => {
    const err: any = await ex.submit({ module: 'tasks', name: 'fail' }, 'bad input').then(
      () => assert.fail('resolved'),
      (e) => e,
    );
    assert.equal(err instanceof Error, true);
    assert.equal(err.name, 'ValidationError');
    assert.equal(err.message, 'bad input');
    assert.equal(err.field, 'x');
    assert.equal(err.code, 'E_VALIDATION');
    assert.match(err.stack, /ValidationError: bad input/);
    assert.match(err.stack, /tasks\.mjs/);
  });

  it('revives built-in classes with their cause', async () => {
    const err = await ex.submit({ module: 'tasks', name: 'failRange' }, 5).then(
      () => assert.fail('resolved'),
      (e) => e,
    );
    assert.ok(err instanceof RangeError);
    assert.equal(err.message, 'n out of range: 5');
    assert.ok(err.cause instanceof Error);
    assert.equal(err.cause.message, 'inner cause');
  });

  it('reports a thrown non-Error', async () => {
    const err = await ex.submit({ module: 'tasks', name: 'throwString' }).then(
      () => assert.fail('resolved'),
      (e) => e,
    );
    assert.ok(err instanceof Error);
    assert.match(err.message, /just a string/);
  });

  it('fails a job naming an unknown task, module, or an ambiguous bare name', async () => {
    for (const task of ['noSuchTask', { module: 'tasks', name: 'cube' }, { module: 'nowhere.mjs', name: 'square' }, 'square']) {
      const err = await ex.submit(task as any, 1).then(
        () => assert.fail(`resolved for ${JSON.stringify(task)}`),
        (e) => e,
      );
      assert.ok(err instanceof UnknownTaskError, `${JSON.stringify(task)}: ${err?.stack}`);
      assert.equal(err.name, 'UnknownTaskError');
    }
    assert.equal(await ex.submit({ module: 'other', name: 'square' }, 3), -9);
    assert.equal(await ex.submit('cube', 2), 8);
  });

  it('refuses functions and bad arguments before sending anything', () => {
    assert.throws(
      () => ex.submit((() => 1) as any),
      (e: Error) => e instanceof TypeError && /no code travels/.test(e.message),
    );
    assert.throws(() => ex.submit({ nope: 1 } as any), TypeError);
    assert.throws(() => ex.submit('echo', () => 1), TypeError);
    assert.throws(() => ex.withOptions({ attempts: 0 }), RangeError);
    assert.throws(() => ex.withOptions({ priority: 1.5 }), RangeError);
    assert.throws(() => new DistributedExecutor({} as any), TypeError);
    assert.throws(() => new DistributedExecutor({ connection: 'http://x' }), TypeError);
    assert.throws(() => new DistributedExecutor({ connection: redis.url, queue: 'a:b' }), TypeError);
  });
});
