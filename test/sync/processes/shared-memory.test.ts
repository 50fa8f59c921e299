// SharedMemory (Python's multiprocessing.shared_memory): create, attach by name, views, unlink;
// clear errors for bad names and sizes, a missing name and a size mismatch; typed arrays over it
// reach ProcessPoolExecutor (and ThreadPoolExecutor) tasks as views of the same memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  acrossProcesses,
  exportShared,
  importShared,
  Lock,
  ProcessPoolExecutor,
  SharedMemory,
  ThreadPoolExecutor,
} from '@multicore-js/multicore';
import { NO_SHM } from './helpers.js';

test('create, attach by name, the same bytes, unlink', { skip: NO_SHM }, () => {
  const a = new SharedMemory(null, { create: true, size: 4096 });
  assert.match(a.name, /^mc\d+_/);
  assert.equal(a.size, 4096);
  const b = new SharedMemory(a.name, { size: 4096 });
  new Uint8Array(a.buffer)[100] = 42;
  assert.equal(new Uint8Array(b.buffer)[100], 42);
  const named = new SharedMemory(`test_${process.pid}`, { create: true, size: 10 });
  assert.equal(new SharedMemory(`/test_${process.pid}`).size, 10); // the POSIX spelling too
  named.unlink();
  a.unlink();
  assert.throws(
    () => new SharedMemory(a.name),
    (e: Error) => e.name === 'FileNotFoundError' && /no segment named/.test(e.message),
  );
  b.close();
  assert.throws(() => b.buffer, /closed/);
  assert.equal(new Uint8Array(a.buffer)[100], 42); // unlink removes the name, not the memory
});

test('creating and unlinking segments over and over adds one exit listener, not one each', { skip: NO_SHM }, () => {
  const before = process.listenerCount('exit');
  for (let i = 0; i < 20; i++) new SharedMemory(null, { create: true, size: 4096 }).unlink();
  assert.ok(process.listenerCount('exit') - before <= 1, `${process.listenerCount('exit') - before} exit listeners added`);
});

test('bad names, sizes and options give TypeError / RangeError naming the argument', { skip: NO_SHM }, () => {
  const cases: [() => unknown, ErrorConstructor, RegExp][] = [
    [() => new SharedMemory(), TypeError, /name is required/],
    [() => new SharedMemory(42 as never), TypeError, /name must be a string/],
    [() => new SharedMemory('a/b'), TypeError, /name must use only letters/],
    [() => new SharedMemory(''), RangeError, /name must be 1 to 200 characters/],
    [() => new SharedMemory('x'.repeat(201)), RangeError, /name must be 1 to 200/],
    [() => new SharedMemory(null, { create: true }), TypeError, /options.size is required/],
    [() => new SharedMemory(null, { create: true, size: 0 }), RangeError, /options.size must be between 1/],
    [() => new SharedMemory(null, { create: true, size: -5 }), RangeError, /options.size/],
    [() => new SharedMemory(null, { create: true, size: 1.5 }), TypeError, /options.size must be an integer/],
    [() => new SharedMemory(null, { create: true, size: NaN }), TypeError, /options.size must be an integer/],
    [() => new SharedMemory(null, { create: 'yes' as never, size: 8 }), TypeError, /options.create must be a boolean/],
    [() => new SharedMemory(null, { create: true, size: 8, sise: 1 } as never), TypeError, /unknown option 'sise'/],
    [() => new SharedMemory(null, { create: true, size: 2 ** 52 }), RangeError, /options.size: cannot reserve/],
  ];
  for (const [fn, Type, message] of cases) assert.throws(fn, (e: Error) => e instanceof Type && message.test(e.message), String(fn));
  const a = new SharedMemory(null, { create: true, size: 64 });
  try {
    assert.throws(
      () => new SharedMemory(a.name, { size: 65 }),
      (e: Error) => e instanceof RangeError && /options.size is 65 but segment .* has 64 bytes/.test(e.message),
    );
    assert.throws(
      () => new SharedMemory(a.name, { create: true, size: 64 }),
      (e: Error) => e.name === 'FileExistsError',
    );
  } finally {
    a.unlink();
  }
});

test('a typed array over SharedMemory reaches a process task as a view of the same memory: results written in place', {
  skip: NO_SHM,
  timeout: 120_000,
}, async () => {
  const shm = new SharedMemory(null, { create: true, size: 8 * 10_000 });
  try {
    const x = new Float64Array(shm.buffer);
    for (let i = 0; i < x.length; i++) x[i] = i;
    const tail = new Int32Array(shm.buffer, 8 * 5_000, 10); // an offset view keeps its offset and length
    await using pool = new ProcessPoolExecutor({ maxWorkers: 2 });
    const halves = [x.subarray(0, 5_000), x.subarray(5_000)];
    const lengths = await Promise.all(
      halves.map((h) =>
        pool.submit((h: Float64Array) => {
          for (let i = 0; i < h.length; i++) h[i] = h[i]! * h[i]!;
          return h.length;
        }, h),
      ),
    );
    assert.deepEqual(lengths, [5_000, 5_000]);
    for (let i = 0; i < x.length; i++) if (x[i] !== i * i) assert.fail(`x[${i}] = ${x[i]}`);
    assert.equal(await pool.submit((t: Int32Array) => t.length + t.byteOffset, tail), 10 + 8 * 5_000);
    await using threads = new ThreadPoolExecutor({ maxWorkers: 1 });
    await threads.submit((x: Float64Array) => {
      x[1] = -1;
    }, x);
    assert.equal(x[1], -1);
  } finally {
    shm.unlink();
  }
});

test('exportShared/importShared: a process started any other way uses the same Lock and memory by name', {
  skip: NO_SHM,
  timeout: 60_000,
}, () => {
  const shm = new SharedMemory(null, { create: true, size: 16 });
  const lock = acrossProcesses(() => new Lock());
  try {
    lock.acquireSync();
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `
      import { importShared } from '@multicore-js/multicore';
      const [lock, view] = JSON.parse(process.argv[1]).map(importShared);
      console.log(lock.acquireSync({ timeoutMs: 0 }), lock.locked());
      view[0] = 7;
    `,
        JSON.stringify([exportShared(lock), exportShared(new Int32Array(shm.buffer))]),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(out.trim(), 'false true');
    assert.equal(new Int32Array(shm.buffer)[0], 7);
    assert.throws(() => exportShared(new Lock()), /thread-shared memory; make it with acrossProcesses/);
    assert.equal(importShared<Lock>(exportShared(lock)).locked(), true);
  } finally {
    lock.release();
    shm.unlink();
  }
});
