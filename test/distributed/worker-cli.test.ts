// `multicore worker` argument checking: bad arguments exit 2 with a message; --help exits 0. No Redis needed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { bin, tasksModule } from '../helpers/cluster.js';

function worker(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'worker', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('multicore worker arguments', () => {
  it('--help prints the options and exits 0', () => {
    const r = worker('--help');
    assert.equal(r.code, 0);
    assert.match(r.out, /--connection URL/);
    assert.match(r.out, /--mode thread\|process/);
  });

  for (const [why, args, message] of [
    ['no --connection', ['--tasks', tasksModule], /--connection is required/],
    ['no --tasks', ['--connection', 'redis://127.0.0.1:1'], /--tasks module is required/],
    ['a bad mode', ['--connection', 'redis://x', '--tasks', tasksModule, '--mode', 'fiber'], /--mode must be 'thread' or 'process'/],
    [
      'a bad concurrency',
      ['--connection', 'redis://x', '--tasks', tasksModule, '--concurrency', '0'],
      /--concurrency must be an integer >= 1/,
    ],
    ['a bad URL', ['--connection', 'http://x', '--tasks', tasksModule], /--connection must be a redis/],
    ['an unknown flag', ['--connection', 'redis://x', '--tasks', tasksModule, '--frobnicate'], /Unknown option '--frobnicate'/],
  ] as const) {
    it(`exits 2 on ${why}`, () => {
      const r = worker(...args);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, message);
    });
  }

  it('fails clearly on a task module that does not load', () => {
    const r = worker('--connection', 'redis://127.0.0.1:1', '--tasks', './no/such/tasks.mjs');
    assert.notEqual(r.code, 0);
    assert.match(r.err, /cannot load task module '\.\/no\/such\/tasks\.mjs'/);
  });
});
