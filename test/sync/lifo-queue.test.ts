// LifoQueue: last in, first out, through buffer growth, and one live stack across threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor } from '@multicore-js/multicore';
import { LifoQueue } from '@multicore-js/multicore/sync';

test('items of every size come back in reverse order through growth of the buffer', () => {
  const q = new LifoQueue<unknown>({ initialBytes: 64 });
  const items: unknown[] = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 'y'.repeat(i * 7) : i % 3 === 1 ? { i, tag: [i] } : i));
  for (const item of items) q.putSync(item);
  const out = items.map(() => q.getSync());
  assert.deepEqual(out, items.reverse());
  assert.ok(q.empty());
});

test('a task pushes onto the same stack the main thread pops', { timeout: 60_000 }, async () => {
  const q = new LifoQueue<number>();
  q.putSync(-1);
  await using ex = new ThreadPoolExecutor({ maxWorkers: 1 });
  await ex.submit((stack: LifoQueue<number>) => {
    for (let i = 0; i < 5; i++) stack.putSync(i);
  }, q);
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map(() => q.getSync({ timeoutMs: 0 })),
    [4, 3, 2, 1, 0, -1],
  );
});
