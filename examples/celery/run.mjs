// Seed 000, Celery: "a distributed task queue ... can distribute tasks across multiple workers".
// This script sets up what Celery needs, runs it, and takes it all down again:
//   1. a private redis-server (the broker), on a unix socket in a temp dir: no port, nothing shared;
//   2. a `multicore worker` process (Celery's `celery worker`), allowed to run the exports of tasks.mjs;
//   3. a DistributedExecutor (the client side: Celery's `your_function.delay(...)`) that submits jobs
//      by task name, and prints the results the worker sent back.
// Without redis-server installed it says so and exits 0 (Debian/Ubuntu: apt-get install redis-server).
//
//   node examples/celery/run.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DistributedExecutor } from '@multicore-js/multicore';

const tasks = fileURLToPath(new URL('./tasks.mjs', import.meta.url));
const cli = fileURLToPath(new URL('../../bin/multicore.js', import.meta.url));

if (spawnSync('redis-server', ['--version']).error) {
  console.log('redis-server is not installed, so this example cannot run here.');
  console.log('Install it (Debian/Ubuntu: apt-get install redis-server) and run it again.');
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'multicore-celery-'));
const socket = join(dir, 'redis.sock');
const children = [];
function start(cmd, args, name) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => {
    log += d;
  });
  child.stderr.on('data', (d) => {
    log += d;
  });
  child.log = () => log;
  child.name = name;
  children.push(child);
  return child;
}
function ping() {
  return new Promise((resolve) => {
    const s = createConnection({ path: socket });
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      s.destroy();
      resolve(String(d).startsWith('+PONG'));
    });
    s.on('error', () => {
      s.destroy();
      resolve(false);
    });
  });
}
async function stopAll() {
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = once(child, 'exit');
    child.kill('SIGTERM'); // the worker finishes its running jobs, then exits; redis-server just exits
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}

let executor;
try {
  const redis = start(
    'redis-server',
    ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--dir', dir, '--save', '', '--appendonly', 'no'],
    'redis-server',
  );
  for (let i = 0; !(await ping()); i++) {
    if (redis.exitCode !== null || i > 250) throw new Error(`redis-server did not start:\n${redis.log()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(
    `1. broker: redis-server ${String(spawnSync('redis-server', ['--version']).stdout).match(/v=(\S+)/)?.[1] ?? ''} on ${socket}`,
  );

  const worker = start(
    process.execPath,
    [cli, 'worker', '--connection', `unix://${socket}`, '--tasks', tasks, '--concurrency', '2'],
    'worker',
  );
  console.log(`2. worker: multicore worker --tasks examples/celery/tasks.mjs --concurrency 2 (pid ${worker.pid})`);

  // The client. Jobs wait in Redis until a worker takes them, so there is no need to wait for it to be ready.
  executor = new DistributedExecutor({ connection: { path: socket } });
  console.log('3. client: DistributedExecutor submits by task name');
  const hello = await executor.submit('yourFunction', 'Celery');
  console.log(
    `  yourFunction('Celery') -> ${hello.greeting} (ran in pid ${hello.pid}, thread ${hello.threadId}, ${hello.pid === worker.pid ? 'the worker' : 'NOT the worker'})`,
  );
  console.log(`  add(2, 3) -> ${await executor.submit('add', 2, 3)}`);
  console.log(`  primesUpTo(10,000,000) -> ${(await executor.submit('primesUpTo', 10_000_000)).toLocaleString('en-US')}`);

  const docs = ['the quick brown fox', 'jumps over', 'the lazy dog again and again'];
  const counts = [];
  for await (const n of executor.map('wordCount', docs)) counts.push(n);
  console.log(`  map(wordCount, 3 documents) -> [${counts.join(', ')}]`);

  try {
    await executor.submit('notATask');
  } catch (err) {
    console.log(`  submit('notATask') -> rejected: ${err.name}`);
  }
  await executor.shutdown();
  executor = undefined;
  await stopAll();
  console.log(`4. stopped the worker (exit ${worker.exitCode}) and redis-server; removed ${dir}`);
} catch (err) {
  for (const c of children) console.error(`--- ${c.name} log:\n${c.log()}`);
  throw err;
} finally {
  if (executor) await executor.shutdown({ wait: false }).catch(() => {});
  await stopAll();
}
