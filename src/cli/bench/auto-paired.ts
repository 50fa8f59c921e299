// The 'auto' goal (≤ 1.10× the fastest row) re-checked side by side. The table's rows are timed one
// after another, seconds apart; on a small shared machine the same code measured up to ±30% apart
// between two such rows, more than the 10% the goal is about. So right after a workload's 'auto'
// rows (before the peers: OpenBLAS threads linger), each 'auto' row and the fastest row it
// competes with are opened again and timed in alternation
// (A B, B A, A B, ...; each turn an untimed call, then a timed one). The comparison is the median
// of the rounds' own ratios (auto's call over the rival's call in the same round, milliseconds
// apart): the machine here moved both backends together between ~2.8 and ~4.1 ms phases lasting
// dozens of calls (countPrimes, pinned to one core), so two calls of one round share a phase
// far more often than two medians over the whole check do. The ratio of the medians is kept too.
// Timed with performance.now() around each call: tinybench times one task's runs back to back,
// which is the very thing this avoids.
import { statsOf, type MeasureOptions } from './measure.js';
import { median } from '../../util/median.js';
import type { Progress } from './progress.js';
import type { AutoPaired, ResultRow } from './schema.js';
import type { Context, Runner, Workload } from './workloads/types.js';
import { PEER_IDS } from './peers/ids.js';
import { CLOSE_TIMEOUT_MS, withTimeout } from './timeout.js';
import { verifierOf } from './row-verify.js';

const MIN_ROUNDS = 5;
const MAX_ROUNDS = 60;
/** Budget for the rounds, in multiples of the row's time budget (400 ms in a full run). */
const BUDGET_ROWS = 4;

/** The fastest row 'auto' at `threads` competes with: any non-peer row using at most as many threads. */
export function fastestRival(results: ResultRow[], threads: number): ResultRow | undefined {
  return results
    .filter((r) => r.status === 'ok' && r.stats && r.strategy !== 'auto' && !PEER_IDS.includes(r.strategy) && r.threads <= threads)
    .sort((a, b) => a.stats!.medianMs - b.stats!.medianMs)[0];
}

/** Rounds: at least MIN_ROUNDS and the row's own minimum, then until BUDGET_ROWS row budgets are spent (at most MAX_ROUNDS). */
export function roundsDone(rounds: number, elapsedMs: number, o: MeasureOptions): boolean {
  if (rounds < Math.max(MIN_ROUNDS, o.iterations)) return false;
  return rounds >= MAX_ROUNDS || elapsedMs >= BUDGET_ROWS * o.timeMs;
}

/** The median over rounds of auto's time over the rival's in the same round. */
export function roundRatio(autoMs: readonly number[], rivalMs: readonly number[]): number {
  if (autoMs.length !== rivalMs.length || autoMs.length === 0) throw new RangeError('autoMs and rivalMs: one time each per round');
  return median(autoMs.map((a, i) => a / rivalMs[i]));
}

async function timeOnce<R>(run: () => Promise<R>): Promise<{ ms: number; result: R }> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0)); // untimed: let the event loop turn
  const t0 = performance.now();
  const result = await run();
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

/** Times `auto` and `rival` in alternation, one timed call each per round (index i = round i); both are open and past their first (verified) run. */
export async function alternate<R>(
  auto: Checked<R>,
  rival: Checked<R>,
  o: MeasureOptions,
): Promise<{ autoMs: number[]; rivalMs: number[] }> {
  const autoMs: number[] = [];
  const rivalMs: number[] = [];
  const started = performance.now();
  for (let round = 0; !roundsDone(round, performance.now() - started, o); round++) {
    for (const c of round % 2 ? [rival, auto] : [auto, rival]) {
      // An untimed call first: a pool the other side's turn let go to sleep is awake again, as it
      // is for back-to-back calls of one backend (C++ then Rust, one call each, measured Rust up
      // to 1.7x slower than its own row).
      mustMatch(c, await c.runner.run());
      const { ms, result } = await timeOnce(c.runner.run);
      mustMatch(c, result);
      (c === auto ? autoMs : rivalMs).push(ms);
    }
  }
  return { autoMs, rivalMs };
}

/** Adds `paired` to each ok 'auto' row of a CPU workload (a failure is a note on the row, never a failed run). */
export async function pairAutoRows<I, R>(
  w: Workload<I, R>,
  results: ResultRow[],
  input: I,
  expected: R,
  ctx: Context,
  progress: Progress,
): Promise<void> {
  for (const a of results.filter((r) => r.strategy === 'auto' && r.status === 'ok')) {
    const rival = fastestRival(results, a.threads);
    const autoS = w.strategies.find((s) => s.id === 'auto');
    const rivalS = rival && w.strategies.find((s) => s.id === rival.strategy);
    if (!rival || !autoS || !rivalS) continue;
    const what = `${w.name} · 'auto' ×${a.threads} paired with ${rival.label} ×${rival.threads}`;
    progress.step(what);
    const opened: Runner<R>[] = [];
    try {
      const open = async (s: typeof autoS, threads: number): Promise<Checked<R>> => {
        const runner = await withTimeout(s.open(input, threads, ctx), ctx.rowTimeoutMs, 'starting the strategy');
        opened.push(runner);
        const verify = verifierOf(w, s, expected, input);
        const bad = verify(await withTimeout(runner.run(), ctx.rowTimeoutMs, 'the first run'));
        if (bad) throw new Error(`result differs from the reference: ${bad}`);
        return { runner, verify };
      };
      const autoC = await open(autoS, a.threads);
      const rivalC = await open(rivalS, rival.threads);
      const t = await withTimeout(alternate(autoC, rivalC, ctx.measure), ctx.rowTimeoutMs, 'the paired runs');
      const autoMs = statsOf(t.autoMs).medianMs;
      const rivalMs = statsOf(t.rivalMs).medianMs;
      const paired: AutoPaired = {
        rival: rival.strategy,
        rivalThreads: rival.threads,
        rivalLabel: rival.label,
        choice: autoC.runner.detail?.() ?? a.detail ?? '?',
        autoMs,
        rivalMs,
        ofBest: roundRatio(t.autoMs, t.rivalMs),
        ofMedians: autoMs / rivalMs,
        rounds: t.autoMs.length,
      };
      a.paired = paired;
      progress.note(`${what}: ${paired.ofBest.toFixed(2)}× (median round) over ${paired.rounds} alternating rounds`);
    } catch (err) {
      progress.note(`${what}: not measured (${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`);
    } finally {
      for (const r of opened) {
        if (r.close) await withTimeout(r.close(), CLOSE_TIMEOUT_MS, 'shutdown').catch(() => undefined);
      }
    }
  }
}
