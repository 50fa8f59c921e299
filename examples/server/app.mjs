// A small real web app that serves a CPU-bound endpoint through multicore and stays responsive:
//
//   GET /tile?zoom=Z&x=X&y=Y&size=S&maxIter=N   a Mandelbrot tile as a PGM image, rendered on a
//                                               ThreadPoolExecutor worker by the native kernel
//   GET /health                                 answers at once: the executor's stats() and counters
//
// - Load shedding: at most MAX_QUEUE requests wait for a worker; beyond that, 503 with Retry-After.
// - Cancellation: a client that disconnects aborts its request's AbortController; the task is dropped
//   from the queue, or (running) its kernel is stopped through the task's own signal.
// - Graceful shutdown on SIGTERM / SIGINT: stop accepting, let in-flight requests finish for up to
//   SHUTDOWN_TIMEOUT_MS, abort the rest, shut the executor down, exit 0.
//
// Settings (environment): PORT (3000; 0 = any free port), HOST (127.0.0.1), WORKERS (all cores),
// MAX_QUEUE (2 × WORKERS), SHUTDOWN_TIMEOUT_MS (10000).
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { ThreadPoolExecutor, SharedValue } from '@multicore-js/multicore';
import { parseTileQuery } from './query.mjs';

const env = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got '${v}'`);
  return n;
};
const PORT = env('PORT', 3000);
const HOST = process.env.HOST || '127.0.0.1';
const WORKERS = Math.max(1, env('WORKERS', availableParallelism()));
const MAX_QUEUE = env('MAX_QUEUE', 2 * WORKERS);
const SHUTDOWN_TIMEOUT_MS = env('SHUTDOWN_TIMEOUT_MS', 10_000);

const log = (line) => console.log(`[server] ${line}`);

const tasks = new URL('./tiles.mjs', import.meta.url).href;
const executor = new ThreadPoolExecutor({
  maxWorkers: WORKERS,
  minWorkers: WORKERS,
  maxQueue: MAX_QUEUE,
  module: tasks,
  initializer: { module: tasks, name: 'warmUp' },
});
// Counted in shared memory by the workers themselves: kernels computing now, and kernels stopped by their task's signal.
const kernelsRunning = new SharedValue('int32', 0);
const abortedKernels = new SharedValue('int32', 0);
const counts = { served: 0, shed: 0, cancelled: 0, failed: 0 };
/** One AbortController per /tile request still being worked on. */
const inFlight = new Set();
let nextId = 1;
let shuttingDown = false;

function health(res) {
  const s = executor.stats();
  const body = {
    status: shuttingDown ? 'shutting down' : 'ok',
    executor: {
      workers: s.workers,
      busyWorkers: s.busyWorkers,
      queued: s.queued,
      inFlight: s.inFlight,
      maxQueue: MAX_QUEUE,
      utilization: s.utilization,
      completed: s.completed,
      cancelled: s.cancelled,
      rejected: s.rejected,
      crashedWorkers: s.crashedWorkers,
      queueWaitP99Ms: s.queueWaitMs.p99,
      runTimeP50Ms: s.runTimeMs.p50,
    },
    requests: { ...counts, inFlight: inFlight.size },
    kernelsRunning: kernelsRunning.value,
    abortedKernels: abortedKernels.value,
  };
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(`${JSON.stringify(body)}\n`);
}

/** Seconds a shed client should wait: about how long the queue ahead of it takes to drain. */
function retryAfterSeconds() {
  const s = executor.stats();
  const drainMs = ((s.queued + s.busyWorkers) * (s.runTimeMs.p50 || 1000)) / Math.max(1, s.workers);
  return Math.max(1, Math.ceil(drainMs / 1000));
}

async function tile(_req, res, url) {
  const params = parseTileQuery(url.searchParams);
  if (typeof params === 'string') return void res.writeHead(400, { 'content-type': 'text/plain' }).end(`${params}\n`);
  if (shuttingDown) return void res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' }).end('shutting down\n');

  const id = nextId++;
  const controller = new AbortController();
  // 'close' on the response before it finished: the client went away. Abort its work.
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error(`request ${id}: client disconnected`));
  });
  inFlight.add(controller);
  try {
    const image = await executor.submitWith({ signal: controller.signal }, 'renderTile', params, kernelsRunning, abortedKernels);
    counts.served++;
    res.writeHead(200, { 'content-type': 'image/x-portable-graymap', 'content-length': image.byteLength }).end(image);
  } catch (err) {
    if (err?.name === 'TaskQueueFullError') {
      counts.shed++;
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': String(retryAfterSeconds()) }).end('busy: try again later\n');
    } else if (err?.name === 'AbortError') {
      counts.cancelled++;
      log(`request ${id} cancelled (${err.cause?.message ?? err.message})`);
      if (!res.destroyed)
        res.writeHead(503, { 'content-type': 'text/plain', connection: 'close' }).end('cancelled: the server is shutting down\n');
    } else {
      counts.failed++;
      log(`request ${id} failed: ${err?.stack ?? err}`);
      if (!res.destroyed) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
    }
  } finally {
    inFlight.delete(controller);
    if (inFlight.size === 0) drained?.();
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
  if (url.pathname === '/health') return health(res);
  if (url.pathname === '/tile') return void tile(req, res, url);
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /tile?zoom=0&x=0&y=0 or /health\n');
});

let drained;
async function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  // Stop accepting; idle keep-alive connections are closed now, busy ones after their response.
  server.close();
  server.closeIdleConnections();
  log(`${signal}: stopped accepting; ${inFlight.size} request(s) in flight`);
  if (inFlight.size > 0) {
    const allDone = new Promise((resolve) => {
      drained = resolve;
    });
    const deadline = setTimeout(() => {
      log(`deadline of ${SHUTDOWN_TIMEOUT_MS} ms passed: aborting ${inFlight.size} request(s)`);
      for (const c of inFlight) c.abort(new Error('the server is shutting down'));
    }, SHUTDOWN_TIMEOUT_MS);
    await allDone;
    clearTimeout(deadline);
  }
  await executor.shutdown({ wait: true, cancelFutures: true });
  server.closeAllConnections();
  log(`stopped: ${counts.served} served, ${counts.shed} shed, ${counts.cancelled} cancelled, ${abortedKernels.value} kernel(s) aborted`);
  // Nothing should be left to keep the process alive now; if something is, say so and fail.
  setTimeout(() => {
    console.error('[server] something still holds the process 5 s after shutdown');
    process.exit(1);
  }, 5000).unref();
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

server.listen(PORT, HOST, () => {
  const { port } = server.address();
  log(`listening on http://${HOST}:${port} (${WORKERS} worker(s), queue of ${MAX_QUEUE})`);
});
