// map(task, ...iterables, options?): several inputs zipped as Python's Executor.map does (stops at the
// shortest), sync and async iterables, the options as a trailing plain object. The cases marked
// "CPython" are ported from Lib/test/test_concurrent_futures/executor.py (ExecutorTest), with
// buffersize → bufferSize and chunksize → chunkSize.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, task } from './helpers.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
function* count(): Generator<number> {
  for (let i = 0; ; i++) yield i;
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const add = (a: number, b: number) => a + b;

for (const [name, make] of KINDS) {
  test(`${name}: CPython test_map: pow over two ranges, and with chunkSize 3`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const expected = range(10).map((i) => i ** i);
    assert.deepEqual(await collect(ex.map(task('pow'), range(10), range(10))), expected);
    assert.deepEqual(await collect(ex.map(task('pow'), range(10), range(10), { chunkSize: 3 })), expected);
  });

  test(`${name}: CPython test_map_exception: divmod, the third raises`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const i = ex.map(task('divmod'), [1, 1, 1, 1], [2, 3, 0, 5]);
    assert.deepEqual((await i.next()).value, [0, 1]);
    assert.deepEqual((await i.next()).value, [0, 1]);
    await assert.rejects(i.next(), { name: 'RangeError', message: /division or modulo by zero/ });
  });

  test(`${name}: CPython test_map_buffersize_on_multiple_iterables`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const ints = range(4);
    for (const bufferSize of [1, 2, ints.length, ints.length * 2]) {
      assert.deepEqual(await collect(ex.map(add, ints, ints, { bufferSize })), [0, 2, 4, 6], `bufferSize ${bufferSize}`);
    }
  });

  test(`${name}: CPython test_map_buffersize_on_multiple_infinite_iterables`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const res = ex.map(add, count(), count(), { bufferSize: 2 });
    assert.equal((await res.next()).value, 0);
    assert.equal((await res.next()).value, 2);
    assert.equal((await res.next()).value, 4);
    await res.return?.(undefined);
  });

  test(`${name}: CPython test_map_buffersize_on_empty_iterable and _without_iterable`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 1 });
    assert.equal((await ex.map((x: unknown) => String(x), [], { bufferSize: 2 }).next()).done, true);
    assert.equal((await ex.map((x: unknown) => String(x), { bufferSize: 2 }).next()).done, true);
  });

  test(`${name}: CPython test_map_buffersize_when_buffer_is_full (adapted: map is lazy until the first next())`, {
    timeout: 30_000,
  }, async () => {
    await using ex = make({ maxWorkers: 1 });
    const ints = range(8)[Symbol.iterator]();
    const bufferSize = 2;
    const res = ex.map((x: number) => String(x), ints, { bufferSize });
    assert.equal((await res.next()).value, '0');
    // CPython submits bufferSize items at the call, so next(ints) is bufferSize after shutdown; here the
    // input is read on demand: bufferSize chunks, then one more to refill after the first result
    await ex.shutdown({ wait: true });
    assert.equal(ints.next().value, bufferSize + 1);
  });

  test(`${name}: zips up to the shortest input, mixing sync and async iterables, and closes the others`, { timeout: 30_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    let closed = 0;
    function* longer(): Generator<number> {
      try {
        for (let i = 100; ; i += 100) yield i;
      } finally {
        closed++;
      }
    }
    async function* shortAsync(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      yield 3;
    }
    const out = await collect(
      ex.map((a: number, b: number, c: string) => `${a + b}${c}`, shortAsync(), longer(), ['x', 'y', 'z', 'w'], { chunkSize: 2 }),
    );
    assert.deepEqual(out, ['101x', '202y', '303z']);
    assert.equal(closed, 1, 'the endless input was closed once the shortest ended');
  });
}

test('map: a trailing plain object is the options; anything else must be iterable', { timeout: 20_000 }, async () => {
  const [, make] = KINDS[0];
  await using ex = make({ maxWorkers: 1 });
  assert.throws(() => ex.map(add, [1], 5 as never), { name: 'TypeError', message: /input \(argument 3\) must be an iterable/ });
  assert.throws(() => ex.map(add, [1], [2], { chunkSize: 0 }), { name: 'RangeError', message: /chunkSize/ });
  assert.throws(() => ex.map(add, [1], [2], { chunksize: 3 } as never), { name: 'TypeError', message: /unknown option 'chunksize'/ });
  // a Map is iterable: an input, not options
  assert.deepEqual(await collect(ex.map((e: [string, number], n: number) => e[1] + n, new Map([['a', 1]]), [10])), [11]);
});
