// The best-in-class targets (sumSquares ≤ 1.2× numpy.dot, sort ≤ 1.0× np.sort, countPrimes ≤ 1.5×
// primesieve, … at one thread) re-checked side by side, as 'auto' and C++ ÷ Rust are
// (side-by-side.ts): after a workload's peer rows, the faster native row at one thread and each
// peer row at one thread are opened again and timed in alternation, the peer timing itself as its
// row does. The rows alone are seconds apart: a first sumSquares run read rows 1.31x numpy.dot's
// and side by side 1.07x (docs/bench/native-perf-2026-12-02.md, sixth pass).
import type { Progress } from './progress.js';
import type { PeerPaired, ResultRow, WorkloadReport } from './schema.js';
import type { Context, Workload } from './workloads/types.js';
import { PEER_IDS } from './peers/ids.js';
import { sideBySide } from './side-by-side.js';

/** Peers slower than this per call are not paired (NumPy's mandelbrot: ~1 s a call, 30 calls). */
export const PEER_PAIR_MAX_MS = 300;

const okAt1 = (results: ResultRow[], id: string) =>
  results.find((r) => r.strategy === id && r.threads === 1 && r.status === 'ok' && r.stats);

/** Appends to `report.peerPaired` (a failure is a note, never a failed run). */
export async function pairPeerRows<I, R>(
  w: Workload<I, R>,
  report: WorkloadReport,
  input: I,
  expected: R,
  ctx: Context,
  progress: Progress,
): Promise<void> {
  const natives = ['cpp', 'rust'].map((id) => okAt1(report.results, id)).filter((r) => r !== undefined);
  const native = natives.sort((a, b) => a.stats!.medianMs - b.stats!.medianMs)[0];
  const nativeS = native && w.strategies.find((s) => s.id === native.strategy);
  if (!native || !nativeS) return;
  for (const peerS of w.strategies.filter((s) => PEER_IDS.includes(s.id))) {
    const peer = okAt1(report.results, peerS.id);
    if (!peer || peer.stats!.medianMs > PEER_PAIR_MAX_MS) continue;
    const what = `${w.name} · ${nativeS.label} ×1 paired with ${peerS.label} ×1`;
    progress.step(what);
    try {
      const t = await sideBySide(w, { strategy: nativeS, threads: 1 }, { strategy: peerS, threads: 1 }, input, expected, ctx);
      const p: PeerPaired = {
        peer: peerS.id,
        peerLabel: peerS.label,
        native: native.strategy,
        nativeLabel: nativeS.label,
        nativeMs: t.aMs,
        peerMs: t.bMs,
        nativeOverPeer: t.ratio,
        ofMedians: t.ofMedians,
        rounds: t.rounds,
      };
      (report.peerPaired ??= []).push(p);
      progress.note(`${what}: ${p.nativeOverPeer.toFixed(2)}× its time (median round) over ${p.rounds} alternating rounds`);
    } catch (err) {
      progress.note(`${what}: not measured (${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`);
    }
  }
}
