// Runs inside each worker (a worker thread or a forked process). Receives batches of tasks, runs them
// one at a time in order, and sends results back in batches. Functions are compiled once per source
// (cached by task id); module exports are imported once. multicore/sync is imported only when a
// message holds an encoded sync primitive, so a worker starts even where it cannot be loaded.
import type { Transferable } from './transfer.js';
import { createRequire } from 'node:module';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import {
  CancelledError,
  TaskTimeoutError,
  abortError,
  deserializeError,
  serializeError,
  type WireError,
  type WireValue,
} from './errors.js';
import {
  ABORT,
  ABORT_SIGNAL,
  ABORT_TIMEOUT,
  CLOSE,
  CTL_BEGUN,
  CTL_TIME_BYTE,
  DEF_SOURCE,
  RESULT_FIELDS,
  RUN_DEFS,
  RUN_TASKS,
  ERR,
  F_CHUNK,
  F_DECODE,
  F_SPREAD,
  FATAL,
  INIT,
  INIT_FAILED,
  OK,
  READY,
  RESULTS,
  RUN,
  SKIPPED,
  TASK_FIELDS,
} from './protocol.js';
import { Fifo } from './fifo.js';
import { abortCurrent, beginTask, currentSignal, endTask } from './signal.js';
import type { TaskDef } from './task.js';
import { isTransfer, transfer } from './transfer.js';

type Fn = (...args: unknown[]) => unknown;

const port = !isMainThread ? parentPort : null;
const post: (msg: unknown[], transfer?: Transferable[]) => void = port
  ? (msg, t) => port.postMessage(msg, t)
  : (msg) => {
      process.send?.(msg);
    };
// threads: [0] tasks begun, and at byte 8 when the last one began (see slot.ts), for the pool's watchdog
const ctl: Int32Array | null = port && workerData?.ctl ? new Int32Array(workerData.ctl as SharedArrayBuffer, 0, CTL_BEGUN + 1) : null;
const ctlTime: Float64Array | null = ctl ? new Float64Array(workerData.ctl as SharedArrayBuffer, CTL_TIME_BYTE, 1) : null;
let flushEachTask = !port;

const requireFromCwd = createRequire(pathToFileURL(`${process.cwd()}/`).href);
const keepName = <T>(f: T): T => f;
const defs = new Map<number, TaskDef>();
const fns = new Map<number, Fn | Promise<Fn>>();
/** `this` inside a task function: `this.signal` is the task's AbortSignal. */
const context = Object.freeze({
  get signal(): AbortSignal {
    return currentSignal();
  },
});

function load(id: number): Fn | Promise<Fn> {
  const def = defs.get(id);
  if (!def) throw new Error(`internal: task ${id} has no definition in this worker`);
  let fn: Fn | Promise<Fn>;
  if (def.k === DEF_SOURCE) {
    // in scope for source functions: currentSignal, transfer, require, and esbuild's __name (tsx keepNames)
    fn = new Function('currentSignal', 'transfer', 'require', '__name', `return (${def.src});`)(
      currentSignal,
      transfer,
      requireFromCwd,
      keepName,
    ) as Fn;
  } else {
    fn = import(def.url).then((m: Record<string, unknown>) => {
      const f = m[def.name];
      if (typeof f !== 'function') {
        throw new TypeError(`module ${def.url} has no exported function '${def.name}' (found ${typeof f})`);
      }
      fns.set(id, f as Fn);
      return f as Fn;
    });
    fn.catch(() => fns.delete(id));
  }
  fns.set(id, fn);
  return fn;
}

// ---- sync primitives, revived on demand ----------------------------------------------------------

type Decode = (value: unknown) => unknown;
let decodeShared: Decode | null = null;
let loadingSync: Promise<Decode> | null = null;

/** Imports multicore/sync (which registers every primitive's reviver) the first time it is needed.
 *  If that fails, the task (or initializer) that needed it fails with the import error as its cause. */
function loadDecode(): Promise<Decode> {
  return (loadingSync ??= import('../sync/shareable.js').then(
    (m) => (decodeShared = m.decodeShared),
    (err: unknown) => {
      loadingSync = null; // the next task that needs it tries again
      throw new TypeError(
        `the arguments hold sync primitives, but multicore/sync could not be imported in this worker: ${(err as Error)?.message ?? err}`,
        { cause: err },
      );
    },
  ));
}

// ---- results ------------------------------------------------------------------------------------

let out: unknown[] = [RESULTS];
let outTransfer: Transferable[] | undefined;
let lastFlush = performance.now();

function flush(): void {
  lastFlush = performance.now();
  if (out.length === 1) return;
  const msg = out;
  const t = outTransfer;
  out = [RESULTS];
  outTransfer = undefined;
  try {
    post(msg, t);
  } catch {
    for (let i = 1; i < msg.length; i += RESULT_FIELDS) {
      try {
        post([RESULTS, msg[i], msg[i + 1], msg[i + 2]]);
      } catch (err) {
        const e = new TypeError(`the task's result could not be sent back: ${(err as Error)?.message ?? err}`);
        post([RESULTS, ERR, serializeError(e), msg[i + 2]]);
      }
    }
  }
}

// ---- the run loop -------------------------------------------------------------------------------

const queue = new Fifo<unknown>(); // flat task records: TASK_FIELDS values each (protocol.ts)
let looping = false;
let closing = false; // CLOSE came: end once the loop is done
let currentId = -1;
let begun = 0;
const skip = new Set<number>();

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

/** A map chunk: fn(item) for each item, or fn(...item) when `spread` (several iterables zipped). */
function runChunk(fn: Fn, items: unknown[], spread: boolean): unknown {
  const results = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const r = spread ? fn.apply(context, items[i] as unknown[]) : fn.call(context, items[i]);
    if (isThenable(r)) return finishChunk(fn, items, spread, results, i, r);
    results[i] = r;
  }
  return results;
}

async function finishChunk(
  fn: Fn,
  items: unknown[],
  spread: boolean,
  results: unknown[],
  i: number,
  first: PromiseLike<unknown>,
): Promise<unknown[]> {
  results[i] = await first;
  for (i++; i < items.length; i++) results[i] = await (spread ? fn.apply(context, items[i] as unknown[]) : fn.call(context, items[i]));
  return results;
}

async function loop(): Promise<void> {
  looping = true;
  while (queue.size > 0) {
    const id = queue.shift() as number;
    const fnId = queue.shift() as number;
    const args = queue.shift();
    const flags = queue.shift() as number;
    if (ctl) {
      ctlTime![0] = performance.timeOrigin + performance.now();
      Atomics.store(ctl, CTL_BEGUN, ++begun);
    }
    if (skip.size > 0 && skip.delete(id)) {
      out.push(SKIPPED, null, 0);
      continue;
    }
    const t0 = performance.now();
    currentId = id;
    beginTask();
    let status = OK;
    let value: unknown;
    try {
      let fn = fns.get(fnId) ?? load(fnId);
      if (typeof fn !== 'function') fn = await fn;
      const a = flags & F_DECODE ? (decodeShared ?? (await loadDecode()))(args) : args;
      value = flags & F_CHUNK ? runChunk(fn, a as unknown[], (flags & F_SPREAD) !== 0) : fn.apply(context, a as unknown[]);
      if (isThenable(value)) value = await value;
      if (isTransfer(value)) {
        outTransfer = outTransfer ? outTransfer.concat(value.list) : value.list;
        value = value.value;
      }
    } catch (err) {
      status = ERR;
      value = serializeError(err);
    }
    endTask();
    currentId = -1;
    const now = performance.now();
    out.push(status, value, now - t0);
    if (flushEachTask || now - lastFlush > 1) flush();
  }
  flush();
  looping = false;
  if (closing) close();
}

// ---- a clean end (threads) ----------------------------------------------------------------------

/** Sends what is left and closes the port: with nothing else to do the thread then ends on its own,
 *  after its stdout and stderr have reached the parent (terminate() would drop what is in transit). */
function close(): void {
  closing = true;
  if (looping) return; // the loop calls close() again when its tasks are done
  flush();
  port?.close();
}

// ---- messages -----------------------------------------------------------------------------------

async function init(cfg: { initializer: TaskDef | null; initArgs: unknown[]; initDecode: boolean; flushEachTask: boolean }): Promise<void> {
  flushEachTask = cfg.flushEachTask;
  try {
    if (cfg.initializer) {
      defs.set(0, cfg.initializer);
      let fn = load(0);
      if (typeof fn !== 'function') fn = await fn;
      const args = cfg.initDecode ? (await loadDecode())(cfg.initArgs) : cfg.initArgs;
      await fn.apply(context, args as unknown[]);
      fns.delete(0);
    }
    post([READY]);
  } catch (err) {
    post([INIT_FAILED, serializeError(err)]);
    process.exit(1);
  }
}

/** The reason the running task's signal is raised with: TaskTimeoutError, CancelledError, or an AbortError
 *  whose cause is (a copy of) the reason the task's own signal was aborted with. */
function abortReason(kind: number, detail: unknown): unknown {
  if (kind === ABORT_TIMEOUT) return new TaskTimeoutError(detail as number);
  if (kind === ABORT_SIGNAL) {
    const wire = detail as WireError | WireValue | null;
    return abortError(wire === null ? undefined : wire.e === 1 ? deserializeError(wire) : wire.value);
  }
  return new CancelledError();
}

function onMessage(msg: any[]): void {
  switch (msg[0]) {
    case RUN: {
      const d = msg[RUN_DEFS] as unknown[] | null;
      if (d) for (let i = 0; i < d.length; i += 2) defs.set(d[i] as number, d[i + 1] as TaskDef);
      for (let i = RUN_TASKS; i < msg.length; i++) queue.push(msg[i]);
      if (!looping) void loop();
      return;
    }
    case ABORT: {
      const id = msg[1] as number;
      if (id === currentId) {
        abortCurrent(abortReason(msg[2] as number, msg[3]));
      } else {
        for (let i = 0; i < queue.size; i += TASK_FIELDS) if (queue.at(i) === id) skip.add(id);
      }
      return;
    }
    case INIT:
      void init(msg[1]);
      return;
    case CLOSE:
      close();
      return;
  }
}

process.on('uncaughtException', (err) => {
  flush();
  try {
    post([FATAL, serializeError(err)]);
  } finally {
    process.exit(1);
  }
});
process.on('exit', () => flush());
if (port) port.on('message', onMessage);
else {
  process.on('message', onMessage as (m: unknown) => void);
  // the pool disconnects an idle worker to end it: exit once stdout and stderr are written out (a
  // piped stdout is asynchronous, and process.exit() would drop what is still queued)
  process.on('disconnect', () => {
    let pending = 2;
    const done = (): void => {
      if (--pending === 0) process.exit(0);
    };
    for (const stream of [process.stdout, process.stderr]) {
      try {
        stream.write('', done);
      } catch {
        done();
      }
    }
  });
}
