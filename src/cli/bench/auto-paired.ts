// The 'auto' goal (≤ 1.10× the fastest row) re-checked side by side (side-by-side.ts): right
// after a workload's 'auto' rows (before the peers: OpenBLAS threads linger), each 'auto' row and
// the fastest row it competes with are opened again and timed in alternation.
import type { Progress } from './progress.js';
import type { AutoPaired, ResultRow } from './schema.js';
import type { Context, Workload } from './workloads/types.js';
import { PEER_IDS } from './peers/ids.js';
import { sideBySide } from './side-by-side.js';

/** The fastest row 'auto' at `threads` competes with: any non-peer row using at most as many threads. */
export function fastestRival(results: ResultRow[], threads: number): ResultRow | undefined {
  return results
    .filter((r) => r.status === 'ok' && r.stats && r.strategy !== 'auto' && !PEER_IDS.includes(r.strategy) && r.threads <= threads)
    .sort((a, b) => a.stats!.medianMs - b.stats!.medianMs)[0];
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
    try {
      const t = await sideBySide(
        w,
        { strategy: autoS, threads: a.threads },
        { strategy: rivalS, threads: rival.threads },
        input,
        expected,
        ctx,
      );
      const paired: AutoPaired = {
        rival: rival.strategy,
        rivalThreads: rival.threads,
        rivalLabel: rival.label,
        choice: t.aDetail ?? a.detail ?? '?',
        autoMs: t.aMs,
        rivalMs: t.bMs,
        ofBest: t.ratio,
        ofMedians: t.ofMedians,
        rounds: t.rounds,
      };
      a.paired = paired;
      progress.note(`${what}: ${paired.ofBest.toFixed(2)}× (median round) over ${paired.rounds} alternating rounds`);
    } catch (err) {
      progress.note(`${what}: not measured (${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`);
    }
  }
}
