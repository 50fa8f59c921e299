// map(): input order, chunking, ordered: false, async iterable input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS, task } from './helpers.js';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

for (const [name, make] of KINDS) {
  test(`${name}: map yields results in input order, for every chunkSize`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const input = Array.from({ length: 1000 }, (_, i) => i);
    // later items finish sooner: order must still hold
    const slowFirst = async (x: number) => {
      await new Promise((r) => setTimeout(r, x < 4 ? 20 - x * 5 : 0));
      return x * 2;
    };
    for (const chunkSize of [1, 7, 256, 5000]) {
      assert.deepEqual(
        await collect(ex.map(slowFirst, input, { chunkSize })),
        input.map((x) => x * 2),
        `chunkSize ${chunkSize}`,
      );
    }
    assert.deepEqual(await collect(ex.map(task('double'), [1, 2, 3])), [2, 4, 6]);
    assert.deepEqual(await collect(ex.map((x: number) => x, [])), []);
  });

  test(`${name}: ordered: false yields every result, the quick ones first`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const out = await collect(
      ex.map(
        async (ms: number) => {
          await new Promise((r) => setTimeout(r, ms));
          return ms;
        },
        [3000, 1, 2, 3],
        { ordered: false, bufferSize: 4 },
      ),
    );
    assert.deepEqual(
      [...out].sort((a, b) => a - b),
      [1, 2, 3, 3000],
    );
    assert.equal(out[3], 3000);
  });

  test(`${name}: map consumes an async iterable`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    async function* numbers() {
      for (let i = 0; i < 50; i++) {
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
        yield i;
      }
    }
    assert.deepEqual(
      await collect(ex.map((x: number) => x + 1, numbers(), { chunkSize: 4 })),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  test(`${name}: a failing item rejects the iteration at its position; earlier results were yielded`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const x of ex.map(
        (x: number) => {
          if (x === 5) throw new Error('five');
          return x;
        },
        Array.from({ length: 20 }, (_, i) => i),
      ))
        seen.push(x);
    }, /five/);
    assert.deepEqual(seen, [0, 1, 2, 3, 4]);
  });
}

test('map checks its arguments', { timeout: 20_000 }, async () => {
  const [, make] = KINDS[0];
  await using ex = make({ maxWorkers: 1 });
  assert.throws(() => ex.map((x: number) => x, 5 as never), { name: 'TypeError', message: /input/ });
  assert.throws(() => ex.map((x: number) => x, [1], { chunkSize: 0 }), { name: 'RangeError', message: /chunkSize/ });
  assert.throws(() => ex.map((x: number) => x, [1], { bufferSize: 1.5 }), { name: 'RangeError', message: /bufferSize/ });
  assert.throws(() => ex.map((x: number) => x, [1], { ordered: 'yes' as never }), { name: 'TypeError', message: /ordered/ });
});
