// What a workload and a strategy are: small definitions the runner walks as a table.
import type { BenchArgs } from '../args.js';
import type { Group } from '../schema.js';
import type { MeasureOptions, Measurement } from '../measure.js';

export interface Context {
  args: BenchArgs;
  cores: number;
  measure: MeasureOptions;
  /** A strategy that takes longer than this to start, run once, or be timed fails its row. */
  rowTimeoutMs: number;
  /** Native backends that loaded, or why not. */
  backends: Record<string, { available: boolean; reason?: string }>;
}

/** A strategy opened for one thread count: pools are started by open, outside the timed runs. */
export interface Runner<R> {
  run(): Promise<R>;
  close?(): Promise<void>;
  /**
   * Peers that time themselves inside their own process (NumPy, primesieve): the timed runs'
   * times in ms and the last result. Without it the runner times run() with tinybench.
   */
  timed?(o: MeasureOptions): Promise<{ timesMs: number[]; last: R }>;
  /**
   * Server rows: one bounded load test in place of the timed runs (stats are the CPU endpoint's
   * latencies, eventLoop the server process's own delay).
   */
  load?(): Promise<Measurement<R>>;
  /** What the row actually ran, known once it ran (the backend 'auto' chose; NumPy's BLAS). */
  detail?(): string | undefined;
  /** Why it ran that: 'auto' rows, the reason `info().auto` gives for the choice. */
  why?(): string | undefined;
}

/** Thrown by Strategy.open when the strategy cannot run here: the row is skipped with the reason. */
export class Skip extends Error {
  override name = 'Skip';
}

export interface Strategy<I, R> {
  /** Stable id used in JSON and --compare (`js`, `workers`, `process`, `cpp`, `rust`, ...). */
  id: string;
  label: string;
  /** The thread counts this strategy runs at (e.g. [1] for the main thread, ctx.args.threads otherwise). */
  threads(ctx: Context, params: Record<string, number | string>): number[];
  open(input: I, threads: number, ctx: Context): Promise<Runner<R>>;
  /** Overrides the workload's verify (peers whose arithmetic differs within a documented tolerance). */
  verify?(actual: R, expected: R, input: I): string | undefined;
}

export interface Workload<I = any, R = any> {
  name: string;
  group: Group;
  description: string;
  /** The problem size at this scale (1 = medium). */
  params(scale: number, ctx: Context): Record<string, number | string>;
  setup(params: Record<string, number | string>, ctx: Context): Promise<I> | I;
  teardown?(input: I): Promise<void> | void;
  /** The expected result, computed once by an independent or JS reference, untimed. */
  reference(input: I): Promise<R>;
  /** Returns undefined when `actual` is right, otherwise what is wrong. */
  verify(actual: R, expected: R): string | undefined;
  /** Strategy id of the speed-up baseline. */
  baseline?: string;
  /** Streaming workloads: bytes one run reads and writes, and the element count for the memory-copy reference. */
  stream?(params: Record<string, number | string>): { bytes: number; elements: number };
  /** Dispatch workloads: how many tasks one run sends. */
  tasks?(params: Record<string, number | string>): number;
  strategies: Strategy<I, R>[];
}
