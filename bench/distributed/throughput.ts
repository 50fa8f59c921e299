// DistributedExecutor throughput: jobs/s through one `multicore worker` process vs four, and the cost of a job
// next to the same no-op task on a local ThreadPoolExecutor. Ratios from one run (never compare absolute
// times across runs on these machines).
//
//   npx tsx bench/distributed/throughput.ts [--jobs N] [--connection URL]
//
// Without --connection a private redis-server is started (it must be on PATH: apt-get install redis-server).
// `measureDistributed` is exported for `multicore bench`.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DistributedExecutor, ThreadPoolExecutor } from 'multicore';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tasks = join(root, 'bench/distributed/tasks.mjs');

export interface DistributedBenchOptions {
  /** redis:// or unix:// URL of a Redis to use (its queue `bench-<pid>-…` is created and left empty). */
  connection: string;
  /** Jobs per measurement (default 2000). */
  jobs?: number;
  /** Jobs each worker process runs at once (default 2). */
  concurrency?: number;
  /** Called with a line of progress. */
  onProgress?: (line: string) => void;
}

export interface DistributedBenchResult {
  jobs: number;
  /** jobs/s: submit N no-op jobs, await all. */
  oneWorker: number;
  fourWorkers: number;
  /** map(..., { chunkSize: 64 }) through one worker: items/s. */
  oneWorkerChunked: number;
  /** The same N no-op tasks on a local ThreadPoolExecutor with as many threads as one worker: tasks/s. */
  localThreadPool: number;
  ratios: { fourVsOne: number; chunkedVsOne: number; distributedVsLocalCostPerJob: number };
  /** Microseconds per job (one worker) minus microseconds per task (local pool). */
  overheadPerJobUs: number;
}

async function startWorkers(connection: string, queue: string, n: number, concurrency: number): Promise<ChildProcess[]> {
  return Promise.all(Array.from({ length: n }, async () => {
    const p = spawn(process.execPath, [join(root, 'bin/multicore.js'), 'worker', '--connection', connection, '--queue', queue,
      '--tasks', tasks, '--concurrency', String(concurrency), '--mode', 'thread'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    await new Promise<void>((resolve, reject) => {
      p.stderr!.on('data', (d) => { log += d; if (log.includes('] ready: ')) resolve(); });
      p.once('exit', (c) => reject(new Error(`worker exited (${c}):\n${log}`)));
    });
    return p;
  }));
}

async function stop(ps: ChildProcess[]): Promise<void> {
  await Promise.all(ps.map(async (p) => { const e = once(p, 'exit'); p.kill('SIGTERM'); await e; }));
}

async function rate(n: number, run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return n / ((performance.now() - t0) / 1000);
}

export async function measureDistributed(o: DistributedBenchOptions): Promise<DistributedBenchResult> {
  const jobs = o.jobs ?? 2000;
  const concurrency = o.concurrency ?? 2;
  const say = o.onProgress ?? (() => {});
  const queue = `bench-${process.pid}-${Date.now()}`;
  const ex = new DistributedExecutor({ connection: o.connection, queue, defaultJobOptions: { removeOnComplete: true } });
  const submitAll = () => Promise.all(Array.from({ length: jobs }, (_, i) => ex.submit('noop', i)));
  try {
    let workers = await startWorkers(o.connection, queue, 1, concurrency);
    await Promise.all(Array.from({ length: 50 }, (_, i) => ex.submit('noop', i))); // warm-up
    say('one worker');
    const oneWorker = await rate(jobs, submitAll);
    say('one worker, map with chunkSize 64');
    const oneWorkerChunked = await rate(jobs, async () => { for await (const _ of ex.map('noop', Array.from({ length: jobs }, (_, i) => i), { chunkSize: 64, bufferSize: 8 })) void _; });
    workers.push(...(await startWorkers(o.connection, queue, 3, concurrency)));
    await Promise.all(Array.from({ length: 50 }, (_, i) => ex.submit('noop', i)));
    say('four workers');
    const fourWorkers = await rate(jobs, submitAll);
    await stop(workers);
    workers = [];

    say('local ThreadPoolExecutor');
    const pool = new ThreadPoolExecutor({ maxWorkers: concurrency, minWorkers: concurrency });
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => pool.submit({ module: tasks, name: 'noop' }, i)));
      const localThreadPool = await rate(jobs, () => Promise.all(Array.from({ length: jobs }, (_, i) => pool.submit({ module: tasks, name: 'noop' }, i))));
      return {
        jobs, oneWorker, fourWorkers, oneWorkerChunked, localThreadPool,
        ratios: { fourVsOne: fourWorkers / oneWorker, chunkedVsOne: oneWorkerChunked / oneWorker, distributedVsLocalCostPerJob: localThreadPool / oneWorker },
        overheadPerJobUs: 1e6 / oneWorker - 1e6 / localThreadPool,
      };
    } finally {
      await pool.shutdown();
    }
  } finally {
    await ex.shutdown();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const get = (flag: string) => { const i = args.indexOf(flag); return i >= 0 ? args[i + 1] : undefined; };
  const jobs = get('--jobs') ? Number(get('--jobs')) : 2000;
  let connection = get('--connection');
  let server: { close(): Promise<void> } | undefined;
  if (!connection) {
    const { RedisServer, redisUnavailable } = await import('../../test/helpers/redis.js');
    const why = redisUnavailable();
    if (why) { console.error(why); process.exit(2); }
    const s = await RedisServer.start();
    server = s;
    connection = s.url;
  }
  try {
    const r = await measureDistributed({ connection, jobs, onProgress: (l) => console.error(`[bench] ${l}`) });
    const f = (x: number) => x.toFixed(0).padStart(8);
    console.log(`DistributedExecutor, ${r.jobs} no-op jobs (each worker: 2 threads)`);
    console.log(`  one worker          ${f(r.oneWorker)} jobs/s   1.00x`);
    console.log(`  four workers        ${f(r.fourWorkers)} jobs/s   ${r.ratios.fourVsOne.toFixed(2)}x`);
    console.log(`  one worker, map/64  ${f(r.oneWorkerChunked)} items/s  ${r.ratios.chunkedVsOne.toFixed(2)}x`);
    console.log(`  local ThreadPool    ${f(r.localThreadPool)} tasks/s  ${(r.localThreadPool / r.oneWorker).toFixed(2)}x`);
    console.log(`  a distributed job costs ${r.ratios.distributedVsLocalCostPerJob.toFixed(1)}x a local task (+${r.overheadPerJobUs.toFixed(0)} µs each)`);
  } finally {
    await server?.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
