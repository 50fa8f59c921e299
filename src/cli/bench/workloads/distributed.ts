// Distributed: tiny jobs (x => x + 1) through DistributedExecutor (BullMQ on Redis) and
// `multicore worker` processes, one worker vs several, submit per job and map with chunks, next to
// the same tasks on a local ThreadPoolExecutor. Redis is the one given by --redis, or a private
// redis-server this workload starts on a unix socket; without either the rows are skipped.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startExecutor, TASKS_MODULE } from '../executors.js';
import { compareExact } from '../verify.js';
import { Skip, type Context, type Runner, type Strategy, type Workload } from './types.js';

interface Redis {
  url?: string;
  why?: string;
  close?: () => Promise<void>;
}
interface Input {
  items: number[];
  redis: Redis;
  concurrency: number;
}
type R = number[];
type Executor = import('../../../distributed/executor.js').DistributedExecutor;

const CHUNK = 64;
const BIN = fileURLToPath(new URL('../../../../bin/multicore.js', import.meta.url));
const TASKS = fileURLToPath(TASKS_MODULE);
let queues = 0;

async function startRedis(given: string | undefined): Promise<Redis> {
  if (given) return { url: given };
  const { RedisServer, redisUnavailable } = await import('../../../distributed/redis-server.js');
  const why = redisUnavailable();
  if (why) return { why: `${why}, or pass --redis URL` };
  const server = await RedisServer.start();
  return { url: server.url, close: () => server.close() };
}

/** One `multicore worker` process, serving `queue` with a local thread pool of `concurrency`. */
async function startWorker(url: string, queue: string, concurrency: number): Promise<ChildProcess> {
  const p = spawn(
    process.execPath,
    [BIN, 'worker', '--connection', url, '--queue', queue, '--tasks', TASKS, '--concurrency', String(concurrency), '--mode', 'thread'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const reap = () => {
    p.kill('SIGKILL');
  }; // a bench that dies must not leave workers behind
  process.once('exit', reap);
  p.once('exit', () => process.off('exit', reap));
  let log = '';
  await new Promise<void>((resolve, reject) => {
    p.stderr!.on('data', (d) => {
      if (log.length < 1 << 16) log += d;
      if (log.includes('] ready: ')) resolve();
    });
    p.once('exit', (code, sig) =>
      reject(new Error(`multicore worker exited (${code ?? sig}) before it was ready: ${log.trim().split('\n').pop()}`)),
    );
  });
  return p;
}

async function stopWorker(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = once(p, 'exit');
  p.kill('SIGTERM'); // finishes its running jobs (none: the timed runs are over), closes, exits
  await exited;
}

/** Worker processes and an executor on a fresh queue; `run` gets the executor. */
async function openDistributed(
  { items, redis, concurrency }: Input,
  workers: number,
  run: (ex: Executor, items: number[]) => Promise<R>,
): Promise<Runner<R>> {
  if (!redis.url) throw new Skip(redis.why ?? 'no Redis');
  let DistributedExecutor: typeof import('../../../distributed/executor.js').DistributedExecutor;
  try {
    ({ DistributedExecutor } = await import('../../../distributed/index.js'));
  } catch (err) {
    throw new Skip(`DistributedExecutor not available (${(err as Error).message.split('\n')[0]})`);
  }
  const queue = `bench-${process.pid}-${++queues}`;
  const procs: ChildProcess[] = [];
  const ex = new DistributedExecutor({ connection: redis.url, queue, defaultJobOptions: { removeOnComplete: true } });
  const close = async () => {
    await Promise.all(procs.map(stopWorker));
    await ex.shutdown();
  };
  try {
    procs.push(...(await Promise.all(Array.from({ length: workers }, () => startWorker(redis.url!, queue, concurrency)))));
    await Promise.all(Array.from({ length: 20 * workers }, (_, i) => ex.submit<number>('inc', i))); // warm every worker up
  } catch (err) {
    await close();
    throw err;
  }
  return { run: () => run(ex, items), close };
}

const submitEach = (ex: Executor, items: number[]) => Promise.all(items.map((x) => ex.submit<number>('inc', x)));
async function mapChunked(ex: Executor, items: number[]): Promise<R> {
  const out: number[] = [];
  for await (const y of ex.map<number>('inc', items, { chunkSize: CHUNK })) out.push(y);
  return out;
}

/** Worker-process counts: one, and four (or as many as the largest --threads, if more). */
const workerCounts = (ctx: Context) => [1, Math.max(4, ...ctx.args.threads)];

const strategies: Strategy<Input, R>[] = [
  {
    id: 'local-thread-submit',
    label: 'ThreadPoolExecutor.submit, local (reference)',
    threads: () => [1],
    async open({ items, redis, concurrency }) {
      if (!redis.url) throw new Skip(redis.why ?? 'no Redis');
      const p = await startExecutor('ThreadPoolExecutor', concurrency);
      if (typeof p === 'string') throw new Skip(p);
      return { run: () => Promise.all(items.map((x) => p.submit<number>('inc', x))), close: () => p.shutdown({ wait: true }) };
    },
  },
  {
    id: 'dist-submit',
    label: 'DistributedExecutor.submit per job',
    threads: workerCounts,
    open: (input, n) => openDistributed(input, n, submitEach),
  },
  {
    id: 'dist-map',
    label: `DistributedExecutor.map chunkSize ${CHUNK}`,
    threads: () => [1],
    open: (input, n) => openDistributed(input, n, mapChunked),
  },
];

export const distributed: Workload<Input, R> = {
  name: 'distributed',
  group: 'distributed',
  description: `tiny jobs (x => x + 1) through BullMQ on Redis to \`multicore worker\` processes (each a local pool of "concurrency" threads), next to the same tasks on a local ThreadPoolExecutor of that size`,
  baseline: 'local-thread-submit',
  params: (s, ctx) => ({
    jobs: ctx.args.quick ? 300 : Math.max(100, Math.round(2000 * Math.min(4, s))),
    concurrency: Math.max(...ctx.args.threads),
    chunkSize: CHUNK,
    redis: ctx.args.redis ? 'given by --redis' : 'private redis-server', // never the URL: it may hold a password
  }),
  async setup(p, ctx) {
    return {
      items: Array.from({ length: p.jobs as number }, (_, i) => i),
      redis: await startRedis(ctx.args.redis),
      concurrency: p.concurrency as number,
    };
  },
  teardown: ({ redis }) => redis.close?.(),
  tasks: (p) => p.jobs as number,
  reference: async ({ items }) => items.map((x) => x + 1),
  verify: compareExact,
  strategies,
};
