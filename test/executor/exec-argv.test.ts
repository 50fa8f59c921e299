// Workers get only the host's Node flags that make sense for them (issue 14, 3f): a host started as
// `node --input-type=module -e '…'` used to pass those flags to every worker, which then failed to
// load its entry (BrokenExecutorError on both executors and the `workers` kernel backend).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { workerExecArgv } from '../../src/executor/exec-argv.js';

function runHost(flags: string[], code: string) {
  return spawnSync(process.execPath, [...flags, '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
}

for (const kind of ['ThreadPoolExecutor', 'ProcessPoolExecutor']) {
  test(`${kind} runs tasks for a host started with --input-type=module -e`, { timeout: 70_000 }, () => {
    // --max-old-space-size is per-process: a worker thread refuses it explicitly, a process takes it
    const r = runHost(
      ['--max-old-space-size=512', '--no-warnings'],
      `
      import { ${kind} } from '@multicore-js/multicore';
      const ex = new ${kind}({ maxWorkers: 1 });
      console.log('sum=' + await ex.submit((a, b) => a + b, 2, 3));
      await ex.shutdown();`,
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /sum=5/);
  });
}

test('the workers kernel backend runs for a host started with --input-type=module -e', { timeout: 70_000 }, () => {
  const r = runHost(
    [],
    `
    import { sumSquares } from '@multicore-js/multicore';
    console.log('ss=' + await sumSquares(new Float64Array([1, 2, 3]), { backend: 'workers' }));`,
  );
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ss=14/);
});

test('workerExecArgv drops entry-point and tooling flags, keeps loaders and limits', () => {
  assert.deepEqual(
    workerExecArgv([
      '--input-type=module',
      '-e',
      'code',
      '--import',
      'tsx',
      '--max-old-space-size=100',
      '-p',
      'x',
      '--test',
      '--test-reporter',
      'spec',
      '--test-name-pattern=a',
      '--watch',
      '--inspect-brk=0',
      '--conditions=dev',
      '--experimental-vm-modules',
      '--input-type',
      'commonjs',
      '--eval=1',
      '-r',
      'x.cjs',
      '--loader=l.mjs',
    ]),
    ['--import', 'tsx', '--max-old-space-size=100', '--conditions=dev', '--experimental-vm-modules', '-r', 'x.cjs', '--loader=l.mjs'],
  );
  assert.deepEqual(workerExecArgv([]), []);
});
