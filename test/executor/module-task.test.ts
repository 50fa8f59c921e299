// { module, name } tasks, and the executor option `module` with submit('name').
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { KINDS, TASKS } from './helpers.js';

for (const [name, make] of KINDS) {
  test(`${name}: { module, name } by path or URL, and option module with submit('name')`, { timeout: 20_000 }, async () => {
    await using ex = make({ maxWorkers: 1, module: TASKS });
    assert.equal(await ex.submit({ module: TASKS, name: 'add' }, 1, 2), 3);
    assert.equal(await ex.submit({ module: pathToFileURL(TASKS), name: 'add' }, 2, 2), 4);
    assert.equal(await ex.submit({ module: pathToFileURL(TASKS).href, name: 'double' }, 4), 8);
    assert.equal(await ex.submit<number>('add', 3, 4), 7);
    const err = await ex.submit('noSuchExport').exception();
    assert.match(String(err), /no exported function 'noSuchExport'/);
    assert.equal(await ex.submit('add', 1, 1), 2, 'the worker still serves');
  });
}

test('a string task without the module option is a TypeError', { timeout: 20_000 }, async () => {
  const [, make] = KINDS[0];
  await using ex = make({ maxWorkers: 1 });
  assert.throws(() => ex.submit('add', 1, 2), { name: 'TypeError', message: /option 'module'/ });
  assert.throws(() => ex.submit({ module: TASKS, name: '' }), { name: 'TypeError', message: /name/ });
  assert.throws(() => ex.submit({ module: 7 as never, name: 'add' }), { name: 'TypeError', message: /module/ });
});
