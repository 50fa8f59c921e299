// Dispatch benchmark: what it costs to get tiny tasks to workers and back.
//   npx tsx bench/executor/dispatch.ts [--quick]
// Measures, in one run (compare ratios, not absolute times across runs):
//   - 100,000 no-op tasks submitted then all awaited: ThreadPoolExecutor vs piscina, tinypool, workerpool
//     (and ProcessPoolExecutor beside them)
//   - map(..., { chunkSize: 256 }) over the same 100,000 items vs piscina's per-task loop
//   - single-task round trip p50 (tinybench), and pool start-up time (construct → first result)
// The measuring functions are exported for `multicore bench`.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { ProcessPoolExecutor, ThreadPoolExecutor } from '@multicore-js/multicore';

const NOOP = fileURLToPath(new URL('./fixtures/noop.mjs', import.meta.url));
const WP_NOOP = fileURLToPath(new URL('./fixtures/workerpool-noop.mjs', import.meta.url));

export type PoolName = 'multicore-thread' | 'multicore-process' | 'piscina' | 'tinypool' | 'workerpool';
export const POOLS: PoolName[] = ['multicore-thread', 'multicore-process', 'piscina', 'tinypool', 'workerpool'];

/** A started pool behind one interface: run(x) → Promise, close(). */
export interface BenchPool {
  run(x: number): PromiseLike<unknown>;
  close(): Promise<void>;
}

export async function openPool(name: PoolName, threads = availableParallelism()): Promise<BenchPool> {
  switch (name) {
    case 'multicore-thread':
    case 'multicore-process': {
      const ex =
        name === 'multicore-thread'
          ? new ThreadPoolExecutor({ maxWorkers: threads, minWorkers: threads, module: NOOP })
          : new ProcessPoolExecutor({ maxWorkers: threads, minWorkers: threads, module: NOOP });
      return { run: (x) => ex.submit('noop', x), close: () => ex.shutdown() };
    }
    case 'piscina': {
      const { Piscina } = await import('piscina');
      const p = new Piscina({ filename: NOOP, minThreads: threads, maxThreads: threads });
      return { run: (x) => p.run(x), close: () => p.destroy() };
    }
    case 'tinypool': {
      const { Tinypool } = await import('tinypool');
      const p = new Tinypool({ filename: NOOP, minThreads: threads, maxThreads: threads });
      return { run: (x) => p.run(x), close: () => p.destroy() };
    }
    case 'workerpool': {
      const wp = (await import('workerpool')).default;
      const p = wp.pool(WP_NOOP, { minWorkers: threads, maxWorkers: threads, workerType: 'thread' });
      return {
        run: (x) => p.exec('noop', [x]),
        close: async () => {
          await p.terminate();
        },
      };
    }
  }
}

/** Submits n no-op tasks, then awaits them all. Returns milliseconds (after a warm-up on the same pool). */
export async function throughput(pool: BenchPool, n: number): Promise<number> {
  const warm: PromiseLike<unknown>[] = [];
  for (let i = 0; i < Math.min(n, 2000); i++) warm.push(pool.run(i));
  await Promise.all(warm);
  const t0 = performance.now();
  const all: PromiseLike<unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) all[i] = pool.run(i);
  await Promise.all(all);
  return performance.now() - t0;
}

/** map() over n items with the given chunkSize on a ThreadPoolExecutor. Returns milliseconds. */
export async function mapChunked(n: number, chunkSize: number, threads = availableParallelism()): Promise<number> {
  const ex = new ThreadPoolExecutor({ maxWorkers: threads, minWorkers: threads, module: NOOP });
  try {
    for await (const _ of ex.map('noop', [1, 2, 3])) {
      /* warm-up */
    }
    const t0 = performance.now();
    let count = 0;
    for await (const _ of ex.map('noop', range(n), { chunkSize })) count++;
    if (count !== n) throw new Error(`map produced ${count} of ${n}`);
    return performance.now() - t0;
  } finally {
    await ex.shutdown();
  }
}

function* range(n: number): Generator<number> {
  for (let i = 0; i < n; i++) yield i;
}

/** One task at a time, awaited: the median round trip in milliseconds (tinybench). */
export async function roundTripP50(pool: BenchPool, timeMs = 1000): Promise<number> {
  const bench = new Bench({ time: timeMs, warmupTime: 100 });
  bench.add('round trip', async () => {
    await pool.run(1);
  });
  await bench.run();
  const r = bench.tasks[0].result as { latency?: { p50: number } };
  return r.latency?.p50 ?? NaN;
}

/** Milliseconds from constructing a pool to its first result. */
export async function startup(name: PoolName, threads = availableParallelism()): Promise<number> {
  const t0 = performance.now();
  const pool = await openPool(name, threads);
  await pool.run(1);
  const ms = performance.now() - t0;
  await pool.close();
  return ms;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const N = quick ? 10_000 : 100_000;
  const threads = availableParallelism();
  const fmt = (x: number) => x.toFixed(x < 10 ? 3 : 1);
  console.log(`dispatch benchmark: ${N} no-op tasks, ${threads} workers per pool, node ${process.version}\n`);

  const tput: Partial<Record<PoolName, number>> = {};
  const rtt: Partial<Record<PoolName, number>> = {};
  const start: Partial<Record<PoolName, number>> = {};
  for (const name of POOLS) {
    start[name] = await startup(name, threads);
    const pool = await openPool(name, threads);
    try {
      const n = name === 'multicore-process' ? Math.min(N, 20_000) : N;
      tput[name] = (await throughput(pool, n)) * (N / n);
      rtt[name] = await roundTripP50(pool, quick ? 300 : 1000);
    } finally {
      await pool.close();
    }
    console.log(
      `${name.padEnd(18)} ${N} tasks: ${fmt(tput[name]!)} ms (${Math.round((N / tput[name]!) * 1000).toLocaleString()} tasks/s)` +
        `   round-trip p50: ${fmt(rtt[name]! * 1000)} µs   start-up: ${fmt(start[name]!)} ms`,
    );
  }
  const mapMs = await mapChunked(N, 256, threads);
  console.log(`${'multicore map'.padEnd(18)} ${N} items, chunkSize 256: ${fmt(mapMs)} ms\n`);

  const base = tput['multicore-thread']!;
  console.log('ratios (higher = multicore ThreadPoolExecutor faster):');
  for (const peer of ['piscina', 'tinypool', 'workerpool', 'multicore-process'] as PoolName[]) {
    console.log(
      `  throughput vs ${peer.padEnd(18)} ${(tput[peer]! / base).toFixed(2)}×   round trip ${(rtt[peer]! / rtt['multicore-thread']!).toFixed(2)}×   start-up ${(start[peer]! / start['multicore-thread']!).toFixed(2)}×`,
    );
  }
  console.log(`  map(chunkSize 256) vs piscina per-task loop: ${(tput.piscina! / mapMs).toFixed(1)}×`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
