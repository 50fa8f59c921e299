// The goal "C++ and Rust each within 1.25× of the better of the two at one thread" re-checked
// side by side (side-by-side.ts), as 'auto' is: the C++ ×1 and Rust ×1 rows of a CPU workload
// are opened again and timed in alternation, right after the 'auto' check, before the peers.
import type { Progress } from './progress.js';
import type { NativePaired, WorkloadReport } from './schema.js';
import type { Context, Workload } from './workloads/types.js';
import { sideBySide } from './side-by-side.js';

/** Sets `report.nativePaired` when both native rows ran ok at one thread (a failure is a note, never a failed run). */
export async function pairNativeRows<I, R>(
  w: Workload<I, R>,
  report: WorkloadReport,
  input: I,
  expected: R,
  ctx: Context,
  progress: Progress,
): Promise<void> {
  const ok = (id: string) => report.results.some((r) => r.strategy === id && r.threads === 1 && r.status === 'ok');
  const cpp = w.strategies.find((s) => s.id === 'cpp');
  const rust = w.strategies.find((s) => s.id === 'rust');
  if (!cpp || !rust || !ok('cpp') || !ok('rust')) return;
  const what = `${w.name} · C++ ×1 paired with Rust ×1`;
  progress.step(what);
  try {
    const t = await sideBySide(w, { strategy: cpp, threads: 1 }, { strategy: rust, threads: 1 }, input, expected, ctx);
    const paired: NativePaired = { cppMs: t.aMs, rustMs: t.bMs, cppOverRust: t.ratio, ofMedians: t.ofMedians, rounds: t.rounds };
    report.nativePaired = paired;
    progress.note(`${what}: C++ ÷ Rust ${paired.cppOverRust.toFixed(2)}× (median round) over ${paired.rounds} alternating rounds`);
  } catch (err) {
    progress.note(`${what}: not measured (${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`);
  }
}
