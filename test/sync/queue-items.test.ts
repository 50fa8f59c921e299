// What goes through a Queue comes out as structuredClone would give it: the fast paths for small
// primitives (item-codec.ts: numbers, short ASCII strings, well-formed strings, booleans, null,
// undefined) and the node:v8 path for everything else, in one queue, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Queue } from '@multicore-js/multicore/sync';

/** Like assert.deepStrictEqual, but -0 and NaN must survive too (Object.is on numbers). */
function same(actual: unknown, expected: unknown, at: string): void {
  if (typeof expected === 'number') assert.ok(Object.is(actual, expected), `${at}: ${String(actual)} is not ${String(expected)}`);
  else assert.deepStrictEqual(actual, expected, at);
}

const edgeCases: unknown[] = [
  0,
  -0,
  NaN,
  Infinity,
  -Infinity,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 53 + 2,
  -1.5,
  42,
  '',
  'a',
  'x'.repeat(64),
  'x'.repeat(65),
  '\x7f',
  '\x80',
  'abc\u00e9',
  'héllo wörld',
  '日本語',
  '😀 emoji',
  '\u0000nul',
  'x'.repeat(4096),
  'y'.repeat(4097),
  '\ud800 lone high surrogate',
  'lone low \udc00',
  '\udc00\ud800',
  true,
  false,
  null,
  undefined,
  1n,
  -(2n ** 70n),
  { a: 1, b: [2, 'three'] },
  [1, 2, 3],
  new Float64Array([1.5, -0]),
  new Uint8Array([0xff, 1]),
  new Map([[1, 'one']]),
  new Set(['s']),
  new Date(0),
  /re/g,
  new Error('boom'),
];

test('every edge case comes out as structuredClone gives it, in order, sync and async', async () => {
  const q = new Queue();
  for (const item of edgeCases) q.putSync(item);
  for (const [i, item] of edgeCases.entries()) same(q.getSync({ timeoutMs: 0 }), structuredClone(item), `sync #${i}`);
  for (const item of edgeCases) await q.put(item);
  for (const [i, item] of edgeCases.entries()) same(await q.get({ timeoutMs: 0 }), structuredClone(item), `async #${i}`);
  assert.equal(q.qsize(), 0);
});

test('property: any mix of primitives and objects round-trips through a small wrapping queue', () => {
  // initialBytes 64: the ring wraps and grows all the time, splitting items and length prefixes.
  const q = new Queue({ initialBytes: 64 });
  const item = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme', maxLength: 50 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.bigInt(),
    fc.object({ maxDepth: 2 }),
  );
  fc.assert(
    fc.property(fc.array(item, { maxLength: 40 }), fc.integer({ min: 0, max: 40 }), (items, lag) => {
      // Keep `lag` items in the queue while putting, so reads and writes interleave across the wrap.
      const out: unknown[] = [];
      for (const x of items) {
        q.putSync(x);
        if (q.qsize() > lag) out.push(q.getSync({ timeoutMs: 0 }));
      }
      while (q.qsize() > 0) out.push(q.getSync({ timeoutMs: 0 }));
      assert.equal(out.length, items.length);
      for (const [i, x] of items.entries()) same(out[i], structuredClone(x), `item ${i}`);
    }),
    { numRuns: 300 },
  );
});

test('what structuredClone refuses is refused the same way, and nothing is queued', () => {
  const q = new Queue();
  for (const bad of [() => 1, Symbol('s'), { f() {} }]) {
    assert.throws(
      () => q.putSync(bad),
      (e: Error) => e.name === 'DataCloneError',
      String(typeof bad),
    );
  }
  assert.equal(q.qsize(), 0);
});
