// PriorityQueue's order is Python's heapq order: numbers, strings by code point, arrays element by
// element; ties in put order; TypeError where Python's heappush raises one; the heap stays right
// through compaction of its arena; and across threads it is one live queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor } from '@multicore-js/multicore';
import { PriorityQueue } from '@multicore-js/multicore/sync';

function drain<T>(q: PriorityQueue<T>): T[] {
  const out: T[] = [];
  while (!q.empty()) out.push(q.getSync());
  return out;
}

test('[priority, item] tuples: by priority, then by item, a shorter tuple first when a prefix', () => {
  const q = new PriorityQueue<unknown[]>();
  for (const item of [[2, 'b'], [1, 'z'], [2, 'a'], [1], [0.5, 'x', 3], [-1, 'neg'], [1, 'a', 0]]) q.putSync(item);
  assert.deepEqual(drain(q), [[-1, 'neg'], [0.5, 'x', 3], [1], [1, 'a', 0], [1, 'z'], [2, 'a'], [2, 'b']]);
});

test("strings compare by code point, as Python's str (not by UTF-16 unit as JS <)", () => {
  const q = new PriorityQueue<string>();
  const items = ['\u{1F600}', '\uFF5E', 'b', 'a', '', 'ab', 'A'];
  for (const s of items) q.putSync(s);
  // U+FF5E < U+1F600 by code point, although its UTF-16 unit 0xFF5E > the lead surrogate 0xD83D.
  assert.deepEqual(drain(q), ['', 'A', 'a', 'ab', 'b', '\uFF5E', '\u{1F600}']);
});

test("numbers: -0 equals 0, Infinity, booleans as 0 and 1 (Python's bool is an int)", () => {
  const q = new PriorityQueue<number | boolean>();
  for (const x of [Infinity, 1.5, true, -Infinity, false, -2]) q.putSync(x);
  assert.deepEqual(drain(q), [-Infinity, -2, false, true, 1.5, Infinity]);
});

test('equal items come out in put order (ties broken by insertion, which Python does not promise)', () => {
  const q = new PriorityQueue<unknown>();
  q.putSync(1);
  q.putSync(true); // equal to 1
  q.putSync(0);
  q.putSync(-0); // equal to 0
  q.putSync(1.0);
  const out = drain(q);
  assert.ok(Object.is(out[0], 0) && Object.is(out[1], -0), `0 before -0: ${String(out)}`);
  assert.deepEqual(out.slice(2), [1, true, 1]);
});

test("TypeError where Python's heappush raises one; the queue is unchanged by the failed put", () => {
  const q = new PriorityQueue<unknown>();
  q.putSync([1, { task: 'a' }]); // alone: nothing to compare with, as in Python
  q.putSync([2, { task: 'b' }]); // priorities differ: the payloads are never compared
  assert.throws(() => q.putSync([1, { task: 'c' }]), {
    name: 'TypeError',
    message: /PriorityQueue\.put: .*between an object and an object/,
  });
  assert.throws(() => q.putSync('a string'), { name: 'TypeError', message: /between a string and an array/ });
  assert.equal(q.qsize(), 2);
  assert.deepEqual(drain(q), [
    [1, { task: 'a' }],
    [2, { task: 'b' }],
  ]);
  const n = new PriorityQueue<unknown>();
  n.putSync(1);
  for (const bad of ['1', null, undefined, 2n, NaN, {}, [1]]) assert.throws(() => n.putSync(bad), TypeError, String(bad));
  assert.deepEqual(drain(n), [1]);
});

test("a get never fails on keys: items Python's heappop could not order come out in put order", () => {
  const q = new PriorityQueue<unknown[]>();
  q.putSync([2, 'x']);
  q.putSync([3, { first: true }]);
  q.putSync([3, { second: true }]); // compared only with [2, 'x'] on the way in
  assert.deepEqual(drain(q), [
    [2, 'x'],
    [3, { first: true }],
    [3, { second: true }],
  ]);
});

test('random puts and gets against a sorted array, through arena growth and compaction', () => {
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const q = new PriorityQueue<[number, string]>({ initialBytes: 64, maxBytes: 1 << 16 });
  const model: [number, string][] = [];
  const order = (a: [number, string], b: [number, string]) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
  for (let step = 0; step < 20_000; step++) {
    if (model.length === 0 || (rand() < 0.52 && model.length < 300)) {
      const item: [number, string] = [Math.floor(rand() * 50), 'x'.repeat(Math.floor(rand() * 40)) + step];
      q.putSync(item);
      model.push(item);
    } else {
      model.sort(order);
      assert.deepEqual(q.getSync(), model.shift(), `step ${step}`);
    }
    assert.equal(q.qsize(), model.length);
  }
  assert.deepEqual(drain(q), model.sort(order));
});

test('across threads: 3 tasks put, the main thread gets every item in priority order', { timeout: 60_000 }, async () => {
  const q = new PriorityQueue<[number, number]>();
  await using ex = new ThreadPoolExecutor({ maxWorkers: 3 });
  await Promise.all(
    [0, 1, 2].map((t) =>
      ex.submit(
        (queue: PriorityQueue<[number, number]>, me: number) => {
          for (let i = 0; i < 300; i++) queue.putSync([(i * 7919 + me * 104729) % 1000, me]);
        },
        q,
        t,
      ),
    ),
  );
  const got = drain(q);
  assert.equal(got.length, 900);
  for (let k = 1; k < got.length; k++) assert.ok(got[k - 1]![0] <= got[k]![0], `${String(got[k - 1])} before ${String(got[k])}`);
});
