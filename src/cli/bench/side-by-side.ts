// Two rows of one workload re-timed side by side. The table's rows are timed one after another,
// seconds apart; on a small shared machine the same code measured up to ±30% apart between two
// such rows, more than the margins the goals are about (auto ≤ 1.10× the fastest row, C++ and
// Rust within 1.25×). So the two strategies are opened again and timed in alternation
// (each round one turn of each, in an order drawn at random; each turn an untimed call, then a
// timed one). A fixed A B, B A order let a periodic cost (a garbage collection every 8 calls, from
// a kernel allocating its output) land on one side's timed call round after round: auto against
// its own backend, the same code, measured 1.23x. The comparison is the median
// of the rounds' own ratios (A's call over B's in the same round, milliseconds apart): the machine
// here moved both backends together between ~2.8 and ~4.1 ms phases lasting dozens of calls
// (countPrimes, pinned to one core), so two calls of one round share a phase far more often than
// two medians over the whole check do. The ratio of the medians is kept too.
// Timed with performance.now() around each call: tinybench times one task's runs back to back,
// which is the very thing this avoids.
import { statsOf, type MeasureOptions } from './measure.js';
import { median } from '../../util/median.js';
import { rng } from '../../util/random.js';
import type { Context, Runner, Strategy, Workload } from './workloads/types.js';
import { CLOSE_TIMEOUT_MS, withTimeout } from './timeout.js';
import { verifierOf } from './row-verify.js';

const MIN_ROUNDS = 5;
const MAX_ROUNDS = 60;
/** Budget for the rounds, in multiples of the row's time budget (400 ms in a full run). */
const BUDGET_ROWS = 4;

/**
 * Rounds: at least MIN_ROUNDS and twice the row's own minimum runs (plus one: an odd count has a
 * middle ratio), then until BUDGET_ROWS row budgets are spent (at most MAX_ROUNDS). A median of
 * 7 rounds' ratios of one identical backend still read 1.12-1.13x (mandelbrot, ~60 ms calls).
 */
export function roundsDone(rounds: number, elapsedMs: number, o: MeasureOptions): boolean {
  if (rounds < Math.max(MIN_ROUNDS, 2 * o.iterations + 1)) return false;
  return rounds >= MAX_ROUNDS || elapsedMs >= BUDGET_ROWS * o.timeMs;
}

/** The median over rounds of A's time over B's in the same round. */
export function roundRatio(aMs: readonly number[], bMs: readonly number[]): number {
  if (aMs.length !== bMs.length || aMs.length === 0) throw new RangeError('aMs and bMs: one time each per round');
  return median(aMs.map((a, i) => a / bMs[i]));
}

/**
 * A peer's turn, in one request: a warm-up run, then one timed run. Its untimed call has to be in the
 * same request as the timed one: NumPy makes np.square's `out` once per request, so a timed run
 * alone would pay for fresh pages every time (it measured 2x its row's time); its rows reuse it.
 */
const PEER_TURN: MeasureOptions = { iterations: 1, timeMs: 0, warmupIterations: 1 };

/** One timed call: around run(), or a peer's own timing of one run (NumPy, primesieve), as its rows are timed. */
async function timeOnce<R>(runner: Runner<R>): Promise<{ ms: number; result: R }> {
  if (runner.timed) {
    const { timesMs, last } = await runner.timed(PEER_TURN);
    return { ms: timesMs[0]!, result: last };
  }
  const t0 = performance.now();
  const result = await runner.run();
  return { ms: performance.now() - t0, result };
}

export interface Checked<R> {
  runner: Runner<R>;
  /** A reason when a result is wrong. */
  verify(result: R): string | undefined;
}

function mustMatch<R>(c: Checked<R>, result: R): void {
  const bad = c.verify(result);
  if (bad) throw new Error(`a paired run's result differs from the reference: ${bad}`);
}

/** Times `a` and `b` in turns, one timed call each per round (index i = round i) in a random order (`seed`); both are open and past their first (verified) run. */
export async function alternate<R>(
  a: Checked<R>,
  b: Checked<R>,
  o: MeasureOptions,
  seed = 0x5eed,
): Promise<{ aMs: number[]; bMs: number[] }> {
  const aMs: number[] = [];
  const bMs: number[] = [];
  const coin = rng(seed);
  const started = performance.now();
  for (let round = 0; !roundsDone(round, performance.now() - started, o); round++) {
    for (const c of coin() < 0.5 ? [b, a] : [a, b]) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0)); // untimed: let the event loop turn
      // An untimed call first: a pool the other side's turn let go to sleep is awake again, as it
      // is for back-to-back calls of one backend (C++ then Rust, one call each, measured Rust up
      // to 1.7x slower than its own row). The timed call follows it at once, results checked
      // after: a pause between the two (the loop turn above once sat there, >= 1 ms) outlasted the
      // pools' spin, so the timed call found the pool asleep again. A peer that times itself
      // warms up inside its request.
      const warm = c.runner.timed ? undefined : { result: await c.runner.run() };
      const { ms, result } = await timeOnce(c.runner);
      if (warm) mustMatch(c, warm.result);
      mustMatch(c, result);
      (c === a ? aMs : bMs).push(ms);
    }
  }
  return { aMs, bMs };
}

export interface SideBySide {
  /** Medians of the alternating runs. */
  aMs: number;
  bMs: number;
  /** The median round ratio A ÷ B. */
  ratio: number;
  /** aMs / bMs. */
  ofMedians: number;
  rounds: number;
  /** What A's runner says it ran (auto's choice), if it says. */
  aDetail?: string;
}

export interface Side<I, R> {
  strategy: Strategy<I, R>;
  threads: number;
}

/** Opens `a` and `b` afresh, checks a first run of each, times them side by side, closes both. */
export async function sideBySide<I, R>(
  w: Workload<I, R>,
  a: Side<I, R>,
  b: Side<I, R>,
  input: I,
  expected: R,
  ctx: Context,
): Promise<SideBySide> {
  const opened: Runner<R>[] = [];
  try {
    const open = async ({ strategy, threads }: Side<I, R>): Promise<Checked<R>> => {
      const runner = await withTimeout(strategy.open(input, threads, ctx), ctx.rowTimeoutMs, 'starting the strategy');
      opened.push(runner);
      const verify = verifierOf(w, strategy, expected, input);
      const bad = verify(await withTimeout(runner.run(), ctx.rowTimeoutMs, 'the first run'));
      if (bad) throw new Error(`result differs from the reference: ${bad}`);
      return { runner, verify };
    };
    const ac = await open(a);
    const bc = await open(b);
    const t = await withTimeout(alternate(ac, bc, ctx.measure), ctx.rowTimeoutMs, 'the paired runs');
    const aMs = statsOf(t.aMs).medianMs;
    const bMs = statsOf(t.bMs).medianMs;
    const aDetail = ac.runner.detail?.();
    return { aMs, bMs, ratio: roundRatio(t.aMs, t.bMs), ofMedians: aMs / bMs, rounds: t.aMs.length, ...(aDetail ? { aDetail } : {}) };
  } finally {
    for (const r of opened) {
      if (r.close) await withTimeout(r.close(), CLOSE_TIMEOUT_MS, 'shutdown').catch(() => undefined);
    }
  }
}
