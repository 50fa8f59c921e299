// Sync primitives benchmark: ratios within one run (never compare absolute numbers across runs).
//   npx tsx bench/sync/primitives.ts [--quick]
// The measuring functions are exported for `multicore bench`.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { Event, Lock, Queue, RLock, Semaphore, encodeShared } from '@multicore-js/multicore/sync';

export interface Row {
  name: string;
  opsPerSec: number;
  ratio: number;
  note?: string;
}

const WORKER = fileURLToPath(new URL('./worker.mjs', import.meta.url));

/** Uncontended acquire/release on one thread, relative to a bare CAS + store pair (the floor). */
export async function measureUncontended({ timeMs = 500 } = {}): Promise<Row[]> {
  const lock = new Lock(),
    rlock = new RLock(),
    sem = new Semaphore(1);
  const word = new Int32Array(new SharedArrayBuffer(4));
  const bench = new Bench({ time: timeMs, warmup: true });
  bench
    .add('bare Atomics CAS + store (floor)', () => {
      Atomics.compareExchange(word, 0, 0, 1);
      Atomics.store(word, 0, 0);
    })
    .add('Lock acquireSync + release', () => {
      lock.acquireSync();
      lock.release();
    })
    .add('Lock tryAcquire + release', () => {
      lock.tryAcquire();
      lock.release();
    })
    .add('RLock acquireSync + release', () => {
      rlock.acquireSync();
      rlock.release();
    })
    .add('Semaphore acquireSync + release', () => {
      sem.acquireSync();
      sem.release();
    })
    .add('Lock await acquire + release', async () => {
      await lock.acquire();
      lock.release();
    })
    .add('Lock withLock(async fn)', async () => {
      await lock.withLock(async () => 0);
    });
  await bench.run();
  const rows = bench.tasks.map((t) => ({ name: t.name, opsPerSec: (t.result as any).throughput.mean as number }));
  const floor = rows[0]!.opsPerSec;
  return rows.map((r) => ({ ...r, ratio: r.opsPerSec / floor, note: 'x the floor' }));
}

async function runWorkers(count: number, data: Record<string, unknown>, onMessage?: (m: unknown) => void): Promise<number> {
  const start = new Event();
  const workers = Array.from({ length: count }, () => new Worker(WORKER, { workerData: encodeShared({ ...data, start }) }));
  const done = workers.map(
    (w) =>
      new Promise<void>((resolve, reject) => {
        w.on('message', (m) => {
          if (m === 'done') resolve();
          else onMessage?.(m);
        });
        w.once('error', reject);
      }),
  );
  await new Promise((r) => setTimeout(r, 100)); // let workers load
  const t0 = performance.now();
  start.set();
  await Promise.all(done);
  const ms = performance.now() - t0;
  await Promise.all(workers.map((w) => w.terminate()));
  return ms;
}

/** Contended Lock throughput: `workers` threads each doing `n` locked increments, vs 1 thread, vs lock-free Atomics.add. */
export async function measureContended({ workers = 4, n = 200_000 } = {}): Promise<Row[]> {
  const counter = () => new Int32Array(new SharedArrayBuffer(4));
  const one = ((n * workers) / (await runWorkers(1, { job: 'lock', lock: new Lock(), counter: counter(), n: n * workers }))) * 1000;
  const c = counter();
  const many = ((n * workers) / (await runWorkers(workers, { job: 'lock', lock: new Lock(), counter: c, n }))) * 1000;
  if (c[0] !== n * workers) throw new Error(`contended lock lost increments: ${c[0]} of ${n * workers}`);
  const atomic = ((n * workers) / (await runWorkers(workers, { job: 'atomic', counter: counter(), n }))) * 1000;
  return [
    { name: `Lock, 1 thread, ${n * workers} ops`, opsPerSec: one, ratio: 1 },
    { name: `Lock, ${workers} threads contending`, opsPerSec: many, ratio: many / one, note: 'x 1 thread' },
    { name: `Atomics.add, ${workers} threads (no lock)`, opsPerSec: atomic, ratio: atomic / one, note: 'x 1 thread' },
  ];
}

/** Small items from a worker to the main thread: Queue (getSync / await get) vs MessagePort postMessage. */
export async function measureQueueVsPort({ n = 100_000 } = {}): Promise<Row[]> {
  let received = 0;
  const portMs = await runWorkers(1, { job: 'port-post', n }, () => {
    received++;
  });
  // 'done' may overtake nothing: messages are ordered, so all n arrived before it.
  if (received !== n) throw new Error(`port: got ${received} of ${n}`);
  const port = (n / portMs) * 1000;

  const timeQueue = async (mode: 'sync' | 'async', maxSize: number): Promise<number> => {
    const queue = new Queue<number>({ maxSize });
    const start = new Event();
    const w = new Worker(WORKER, { workerData: encodeShared({ job: 'queue-put', queue, n, start }) });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    start.set();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += mode === 'sync' ? queue.getSync({ timeoutMs: 30_000 }) : await queue.get({ timeoutMs: 30_000 });
    const ms = performance.now() - t0;
    await w.terminate();
    if (sum !== (n * (n - 1)) / 2) throw new Error('queue lost items');
    return (n / ms) * 1000;
  };
  const qSync = await timeQueue('sync', 1024);
  const qAsync = await timeQueue('async', 1024);
  const qSmall = await timeQueue('sync', 16);
  return [
    { name: 'MessagePort postMessage (worker -> main)', opsPerSec: port, ratio: 1 },
    { name: 'Queue({ maxSize: 1024 }) getSync', opsPerSec: qSync, ratio: qSync / port, note: 'x postMessage' },
    { name: 'Queue({ maxSize: 1024 }) await get', opsPerSec: qAsync, ratio: qAsync / port, note: 'x postMessage' },
    { name: 'Queue({ maxSize: 16 }) getSync', opsPerSec: qSmall, ratio: qSmall / port, note: 'x postMessage' },
  ];
}

function print(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.table(
    rows.map((r) => ({
      name: r.name,
      'ops/s': Math.round(r.opsPerSec).toLocaleString('en'),
      ratio: `${r.ratio.toFixed(2)} ${r.note ?? '(base)'}`,
    })),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const quick = process.argv.includes('--quick');
  print('Uncontended acquire/release (one thread)', await measureUncontended({ timeMs: quick ? 100 : 500 }));
  print('Contended Lock throughput', await measureContended({ n: quick ? 20_000 : 200_000 }));
  print('Small items worker -> main: Queue vs MessagePort', await measureQueueVsPort({ n: quick ? 10_000 : 100_000 }));
}
