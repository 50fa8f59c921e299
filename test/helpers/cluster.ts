// The distributed tests' fixture: a private redis-server, `multicore worker` processes (each awaited
// until it serves) and a DistributedExecutor on one queue, started and stopped in that order.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DistributedExecutor, type DistributedExecutorOptions } from '@multicore-js/multicore';
import { RedisServer, type RedisServerOptions } from './redis.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin/multicore.js');
export const tasksModule = join(root, 'test/fixtures/distributed/tasks.mjs');
export const otherModule = join(root, 'test/fixtures/distributed/other.mjs');

/** Fast failure detection for tests: a dead worker's jobs are recovered within a few seconds. */
export const FAST_STALLED = ['--lock-duration', '2000', '--stalled-interval', '1000', '--max-stalled-count', '5'];

export interface WorkerProcess {
  proc: ChildProcess;
  pid: number;
  /** Everything it logged (stderr), for failure messages. */
  log(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): void;
}

export interface WorkerArgs {
  url: string;
  queue: string;
  tasks?: string[];
  concurrency?: number;
  mode?: 'thread' | 'process';
  extra?: string[];
}

export async function startWorker(a: WorkerArgs): Promise<WorkerProcess> {
  const args = [
    bin,
    'worker',
    '--connection',
    a.url,
    '--queue',
    a.queue,
    '--concurrency',
    String(a.concurrency ?? 2),
    '--mode',
    a.mode ?? 'thread',
    ...FAST_STALLED,
    ...(a.extra ?? []),
  ];
  for (const t of a.tasks ?? [tasksModule]) args.push('--tasks', t);
  const proc = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  // A test process that dies (timeout, crash) must not leave its workers behind.
  const reap = () => {
    proc.kill('SIGKILL');
  };
  process.once('exit', reap);
  proc.once('exit', () => process.off('exit', reap));
  let log = '';
  proc.stdout!.on('data', (d) => {
    log += d;
  });
  const ready = new Promise<void>((resolve, reject) => {
    proc.stderr!.on('data', (d) => {
      log += d;
      if (log.includes('] ready: ')) resolve();
    });
    proc.once('exit', (code, sig) => reject(new Error(`worker exited (${code ?? sig}) before it was ready:\n${log}`)));
  });
  const exited = once(proc, 'exit').then(([code, sig]) => (code ?? sig) as number | string);
  await ready;
  return {
    proc,
    pid: proc.pid!,
    log: () => log,
    exited,
    kill: (s = 'SIGTERM') => {
      proc.kill(s);
    },
  };
}

/** Stops workers gracefully (SIGTERM) and waits for them; used in `after` hooks. */
export async function stopWorkers(workers: WorkerProcess[]): Promise<void> {
  await Promise.all(
    workers.map(async (w) => {
      if (w.proc.exitCode === null && w.proc.signalCode === null) w.kill('SIGTERM');
      await w.exited;
    }),
  );
}

let n = 0;
/** A queue name unique to this test process. */
export function queueName(tag: string): string {
  return `t-${tag}-${process.pid}-${++n}`;
}

export interface Cluster {
  redis: RedisServer;
  workers: WorkerProcess[];
  ex: DistributedExecutor;
  /** A fresh temporary directory (for task logs), removed by stopCluster. */
  dir: string;
}

export interface ClusterOptions {
  queue: string;
  redis?: RedisServerOptions;
  /** One entry per worker (url and queue are filled in); default one worker with the defaults. */
  workers?: Omit<WorkerArgs, 'url' | 'queue'>[];
  /** Extra executor options; `connection` is the server's socket unless `byUrl`. */
  executor?: Omit<DistributedExecutorOptions, 'connection' | 'queue'>;
  byUrl?: boolean;
}

/** Starts redis, the workers (in parallel) and the executor; use in `before`, with stopCluster in `after`. */
export async function startCluster(o: ClusterOptions): Promise<Cluster> {
  const c: Partial<Cluster> = { dir: mkdtempSync(join(tmpdir(), 'multicore-cluster-')) };
  try {
    const redis = (c.redis = await RedisServer.start(o.redis));
    c.workers = await Promise.all((o.workers ?? [{}]).map((w) => startWorker({ ...w, url: redis.url, queue: o.queue })));
    c.ex = new DistributedExecutor({ ...o.executor, connection: o.byUrl ? redis.url : redis.connection, queue: o.queue });
    return c as Cluster;
  } catch (err) {
    await stopCluster(c);
    throw err;
  }
}

/** Shuts the executor down, stops the workers, closes redis and removes the directory (whatever was started). */
export async function stopCluster(c: Partial<Cluster>): Promise<void> {
  await c.ex?.shutdown();
  await stopWorkers(c.workers ?? []);
  await c.redis?.close();
  if (c.dir) rmSync(c.dir, { recursive: true, force: true });
}
