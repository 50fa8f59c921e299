// Segments are cleaned up: a worker process SIGKILLed after creating shared memory leaves nothing in
// /dev/shm (the parent's pool unlinks the dead worker's segments); a process that exits normally
// unlinks what it created (unless track: false); removeOrphanSegments() sweeps dead creators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  acrossProcesses,
  Event,
  ProcessPoolExecutor,
  removeOrphanSegments,
  SharedMemory,
  SharedValue,
  WorkerCrashedError,
} from '@multicore-js/multicore';
import { NO_SHM, segmentsOf } from './helpers.js';

const linux = process.platform === 'linux' ? false : 'segments are listed through /dev/shm (Linux)';

test('a worker SIGKILLed after creating segments leaves none behind', { skip: NO_SHM || linux, timeout: 120_000 }, async () => {
  await using pool = new ProcessPoolExecutor({ maxWorkers: 1 });
  const { pid, never } = acrossProcesses(() => ({ pid: new SharedValue('int32', 0, { lock: false }), never: new Event() }));
  const task = pool.submit(
    async (pid: SharedValue<'int32'>, never: Event) => {
      const { SharedMemory, acrossProcesses, Lock } = await import('@multicore-js/multicore');
      new SharedMemory(null, { create: true, size: 1 << 16 });
      acrossProcesses(() => new Lock());
      pid.value = process.pid;
      await never.wait();
    },
    pid,
    never,
  );
  while (pid.value === 0) await new Promise((r) => setTimeout(r, 5));
  const child = pid.value;
  assert.equal(segmentsOf(child).length, 2, 'the worker created two segments');
  process.kill(child, 'SIGKILL');
  await assert.rejects(task, WorkerCrashedError);
  assert.deepEqual(segmentsOf(child), []);
});

test('a process that exits unlinks the segments it created; track: false keeps one; removeOrphanSegments sweeps it', {
  skip: NO_SHM || linux,
  timeout: 60_000,
}, () => {
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
    import { SharedMemory } from '@multicore-js/multicore';
    new SharedMemory(null, { create: true, size: 100 });
    const kept = new SharedMemory(null, { create: true, size: 100, track: false });
    console.log(process.pid, kept.name);
  `,
    ],
    { encoding: 'utf8', cwd: process.cwd() },
  );
  assert.equal(r.status, 0, r.stderr);
  const [pidText, kept] = r.stdout.trim().split(' ');
  assert.deepEqual(segmentsOf(Number(pidText)), [kept]);
  assert.ok(new SharedMemory(kept!).size === 100, 'still attachable');
  assert.ok(removeOrphanSegments().includes(kept!));
  assert.deepEqual(segmentsOf(Number(pidText)), []);
});
