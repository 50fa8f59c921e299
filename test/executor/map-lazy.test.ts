// map() reads its input lazily: no more than bufferSize chunks ahead of the consumer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimeoutError } from '@multicore-js/multicore';
import { KINDS } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: map pulls at most (bufferSize + 1) chunks ahead, even from an endless input`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 2 });
    let pulls = 0;
    function* endless() {
      for (let i = 0; ; i++) {
        pulls++;
        yield i;
      }
    }
    const bufferSize = 3;
    const chunkSize = 5;
    let consumed = 0;
    for await (const x of ex.map((x: number) => x * 10, endless(), { bufferSize, chunkSize })) {
      assert.equal(x, consumed * 10);
      consumed++;
      // what is pulled is what was consumed, plus at most bufferSize chunks in flight and the chunk just refilled
      assert.ok(
        pulls <= Math.ceil(consumed / chunkSize) * chunkSize + bufferSize * chunkSize,
        `pulled ${pulls} after consuming ${consumed}`,
      );
      if (consumed === 40) break;
    }
    const after = pulls;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(pulls, after, 'breaking out of the loop stops the pulls');
  });
}

test('map timeoutMs: a result not ready in time rejects with TimeoutError', { timeout: 20_000 }, async () => {
  const [, make] = KINDS[0];
  await using ex = make({ maxWorkers: 1 });
  await assert.rejects(async () => {
    for await (const _ of ex.map(
      async (ms: number) => {
        await new Promise((r) => setTimeout(r, ms));
      },
      [5000],
      { timeoutMs: 50 },
    )) {
      /* none */
    }
  }, TimeoutError);
});
