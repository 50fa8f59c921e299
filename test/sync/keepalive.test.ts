// A pending async wait keeps the process alive, as pending I/O would (Node 20's Atomics.waitAsync alone does not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fixture } from './helpers.js';

test('a process whose only pending work is `await lock.acquire()` waits for the release', { timeout: 30_000 }, () => {
  const r = spawnSync(process.execPath, [fixture('keepalive-main.mjs')], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.error, undefined);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /acquired true/, 'the process exited before the lock was released');
});
