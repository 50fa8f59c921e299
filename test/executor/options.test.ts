// Every option is checked: TypeError for a wrong type, RangeError for a bad value, naming the option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { ThreadPoolExecutor, ProcessPoolExecutor } from '@multicore-js/multicore';

test('bad options are refused, naming the option', () => {
  const bad: [Record<string, unknown>, string, RegExp][] = [
    [{ maxWorkers: 0 }, 'RangeError', /maxWorkers/],
    [{ maxWorkers: 1.5 }, 'RangeError', /maxWorkers/],
    [{ maxWorkers: '2' }, 'TypeError', /maxWorkers/],
    [{ minWorkers: -1 }, 'RangeError', /minWorkers/],
    [{ minWorkers: 3, maxWorkers: 2 }, 'RangeError', /minWorkers/],
    [{ idleTimeoutMs: -5 }, 'RangeError', /idleTimeoutMs/],
    [{ idleTimeoutMs: NaN }, 'TypeError', /idleTimeoutMs/],
    [{ maxTasksPerWorker: 0 }, 'RangeError', /maxTasksPerWorker/],
    [{ taskTimeoutMs: 0 }, 'RangeError', /taskTimeoutMs/],
    [{ taskTimeoutMs: 'soon' }, 'TypeError', /taskTimeoutMs/],
    [{ timeoutGraceMs: Infinity }, 'RangeError', /timeoutGraceMs/],
    [{ module: 5 }, 'TypeError', /module/],
    [{ initializer: 5 }, 'TypeError', /initializer/],
    [{ initArgs: 'x' }, 'TypeError', /initArgs/],
    [{ maxWorker: 2 }, 'TypeError', /unknown option 'maxWorker'/],
  ];
  for (const [o, name, message] of bad) {
    assert.throws(() => new ThreadPoolExecutor(o as never), { name, message }, JSON.stringify(o));
  }
  assert.throws(() => new ThreadPoolExecutor(5 as never), { name: 'TypeError', message: /options/ });
  assert.throws(() => new ProcessPoolExecutor({ resourceLimits: { maxOldGenerationSizeMb: 64 } } as never), /resourceLimits/);
});

test('maxWorkers defaults to os.availableParallelism()', async () => {
  const ex = new ThreadPoolExecutor();
  assert.equal(ex.maxWorkers, availableParallelism());
  await ex.shutdown();
});
