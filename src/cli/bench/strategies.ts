// The CPU strategies, one small definition each: every CPU workload runs all of them.
import { BACKENDS, type Backend } from '../../kernels/options.js';
import { sumSquares } from '../../kernels/sum-squares.js';
import { autoRacesPending, lastAutoLabel, lastAutoReason, type AutoKernel } from '../../kernels/auto.js';
import { SharedMemory } from '../../sync/shared-memory.js';
import { startExecutor, type ExecutorLike } from './executors.js';
import { Skip, type Runner, type Strategy } from './workloads/types.js';

/** How a CPU workload calls a kernel, and how it splits over processes. */
export interface CpuDef<I, R> {
  /** The kernel the workload calls (whose 'auto' choice its auto rows show). */
  auto: AutoKernel;
  /** The plain-JS baseline on the main thread (the ported Python example's code, or the kernel's 'js' backend). */
  js(input: I): Promise<R>;
  /** The kernel on a backend; returns a function that runs it once (buffers allocated outside the timing). */
  kernel(input: I, backend: Backend, threads: number): () => Promise<R>;
  /** ProcessPoolExecutor: one submit per part (task name in tasks.ts), merged in order. */
  split?: {
    task: string;
    parts(input: I, n: number): unknown[][];
    merge(results: unknown[], input: I): R;
  };
  /** ProcessPoolExecutor over shared memory: the input copied into a SharedMemory segment (timed, as
   *  the 'workers' backend copies into a SharedArrayBuffer), views of it sent to the tasks (no copy),
   *  results written in place into a second segment or returned small. */
  sharedSplit?: {
    task: string;
    /** Float64 elements of the input and of the output (0: no output segment). */
    sizes(input: I): { input: number; output: number };
    fill(input: I, x: Float64Array): void;
    parts(x: Float64Array, out: Float64Array | null, n: number): unknown[][];
    merge(results: unknown[], out: Float64Array | null): R;
  };
  /** The same work done by the tools a user would pick instead (NumPy, primesieve): peers/. */
  peers?: Strategy<I, R>[];
}

/** Labels of the in-process backends; every backend of BACKENDS gets rows where available, under its label or name. */
const NATIVE_LABELS: Record<string, string> = { cpp: 'C++', rust: 'Rust', wasm: 'WebAssembly' };
/** Rows even when unavailable (skipped with the reason): the two native backends every build aims for. */
const ALWAYS_SHOWN = ['cpp', 'rust'];

let workersProbe: Promise<string | undefined> | undefined;

/** The 'workers' backend needs src/executor: probe it once with a tiny call. */
function workersUnavailable(): Promise<string | undefined> {
  workersProbe ??= sumSquares(new Float64Array(8), { backend: 'workers', threads: 1 }).then(
    () => undefined,
    (err: Error) => `'workers' backend failed: ${err.message.split('\n')[0]}`,
  );
  return workersProbe;
}

function nativeStrategy<I, R>(def: CpuDef<I, R>, id: string, label: string): Strategy<I, R> {
  return {
    id,
    label,
    threads: (ctx) => (ALWAYS_SHOWN.includes(id) || ctx.backends[id]?.available ? ctx.args.threads : []),
    async open(input, threads, ctx): Promise<Runner<R>> {
      const status = ctx.backends[id];
      if (!status?.available) throw new Skip(status?.reason ?? `${id} backend not built`);
      return { run: def.kernel(input, id as Backend, threads) };
    },
  };
}

/** Untimed 'auto' calls at most, while its race for this call size runs (contenders × (warm-up + samples) × turn, and some). */
const AUTO_WARMUP_LIMIT = 200;

/** What a default call does: backend 'auto' (the row shows what it chose on this machine). */
function autoStrategy<I, R>(def: CpuDef<I, R>): Strategy<I, R> {
  return {
    id: 'auto',
    label: "'auto'",
    threads: (ctx) => ctx.args.threads,
    async open(input, threads) {
      const run = def.kernel(input, 'auto', threads);
      // For a new call size 'auto' races its close contenders on the first real calls
      // (src/kernels/auto-race.ts). Those calls are its warm-up, like the probe before them: the
      // row times the choice that every later call of this size gets.
      for (let i = 0; i < AUTO_WARMUP_LIMIT && (i === 0 || autoRacesPending() > 0); i++) await run();
      return { run, detail: () => lastAutoLabel(def.auto), why: () => lastAutoReason(def.auto) };
    },
  };
}

export function cpuStrategies<I, R>(def: CpuDef<I, R>): Strategy<I, R>[] {
  const strategies: Strategy<I, R>[] = [
    { id: 'js', label: 'JS main thread', threads: () => [1], open: async (input) => ({ run: () => def.js(input) }) },
    {
      id: 'workers',
      label: "'workers' backend",
      threads: (ctx) => ctx.args.threads,
      async open(input, threads) {
        const reason = await workersUnavailable();
        if (reason) throw new Skip(reason);
        return { run: def.kernel(input, 'workers', threads) };
      },
    },
  ];
  const split = def.split;
  strategies.push({
    id: 'process',
    label: 'ProcessPoolExecutor',
    threads: (ctx) => ctx.args.threads,
    async open(input, threads) {
      if (!split) throw new Skip('no process split for this workload');
      const pool: ExecutorLike | string = await startExecutor('ProcessPoolExecutor', threads);
      if (typeof pool === 'string') throw new Skip(pool);
      return {
        run: async () => split.merge(await Promise.all(split.parts(input, threads).map((args) => pool.submit(split.task, ...args))), input),
        close: () => pool.shutdown({ wait: true }),
      };
    },
  });
  if (def.sharedSplit) strategies.push(sharedProcessStrategy(def.sharedSplit));
  for (const id of BACKENDS.filter((b) => !['auto', 'js', 'workers'].includes(b)))
    strategies.push(nativeStrategy(def, id, NATIVE_LABELS[id] ?? id));
  strategies.push(autoStrategy(def), ...(def.peers ?? []));
  return strategies;
}

function sharedProcessStrategy<I, R>(split: NonNullable<CpuDef<I, R>['sharedSplit']>): Strategy<I, R> {
  return {
    id: 'process-shm',
    label: 'ProcessPoolExecutor, shared memory',
    threads: (ctx) => ctx.args.threads,
    async open(input, threads) {
      const { input: n, output: m } = split.sizes(input);
      let segments: SharedMemory[];
      try {
        segments = [n, m].filter((k) => k > 0).map((k) => new SharedMemory(null, { create: true, size: 8 * k }));
      } catch (err) {
        throw new Skip((err as Error).message);
      }
      const x = new Float64Array(segments[0]!.buffer, 0, n);
      const out = m > 0 ? new Float64Array(segments[1]!.buffer, 0, m) : null;
      const pool: ExecutorLike | string = await startExecutor('ProcessPoolExecutor', threads);
      if (typeof pool === 'string') {
        for (const s of segments) s.unlink();
        throw new Skip(pool);
      }
      return {
        run: async () => {
          split.fill(input, x);
          return split.merge(await Promise.all(split.parts(x, out, threads).map((args) => pool.submit(split.task, ...args))), out);
        },
        close: async () => {
          for (const s of segments) s.unlink();
          await pool.shutdown({ wait: true });
        },
      };
    },
  };
}

/** Splits [0, total) into n contiguous ranges whose starts are multiples of `align`. */
export function ranges(total: number, n: number, align = 1): [number, number][] {
  const units = Math.ceil(total / align);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const lo = Math.min(total, Math.floor((units * i) / n) * align);
    const hi = Math.min(total, Math.floor((units * (i + 1)) / n) * align);
    if (hi > lo) out.push([lo, hi]);
  }
  return out;
}
