// Async kernels run on the addon's own threads, not on libuv's threadpool: with UV_THREADPOOL_SIZE=1
// and four long kernel calls in flight, fs.promises.readFile still completes before they do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { nativeBackendsHere } from '../helpers/backends.js';

const script = (backend: string) => `
import { countPrimes } from '@multicore-js/multicore';
import { readFile } from 'node:fs/promises';
const order = [];
const kernels = Array.from({ length: 4 }, (_, i) =>
  countPrimes(400_000_000, { backend: '${backend}', threads: 1 }).then(() => order.push('kernel' + i)));
// A small file: a few threadpool round trips (open, stat, read, close). If the kernels held libuv's
// only thread, even this would wait behind them; a large file would add hundreds of round trips that
// a loaded machine could make slower than the kernels themselves.
const file = readFile('package.json').then(() => order.push('readFile'));
await Promise.all([...kernels, file]);
console.log(JSON.stringify(order));
`;

test('fs.promises.readFile completes before four long kernel calls with UV_THREADPOOL_SIZE=1', () => {
  for (const backend of nativeBackendsHere()) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script(backend)], {
      env: { ...process.env, UV_THREADPOOL_SIZE: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const order = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    assert.equal(order[0], 'readFile', `${backend}: ${order.join(', ')}`);
  }
});
