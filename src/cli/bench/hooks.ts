// Internal test hooks, read from the environment so a test can drive the real CLI in a child
// process. MULTICORE_BENCH_INJECT=wrong-result adds to every CPU workload a strategy whose
// result is deliberately wrong, to prove that verification fails the run loudly.
import type { Strategy, Workload } from './workloads/types.js';

function corrupt(v: unknown): unknown {
  if (typeof v === 'number') return v + 1;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const copy = (v as unknown as Float64Array).slice();
    copy[copy.length >> 1] += 1;
    return copy;
  }
  if (Array.isArray(v)) return v.map((x, i) => (i === v.length >> 1 ? (x as number) + 1 : x));
  return v;
}

export function injectHooks(workloads: Workload[]): void {
  if (process.env.MULTICORE_BENCH_INJECT !== 'wrong-result') return;
  for (const w of workloads) {
    if (w.group !== 'cpu') continue;
    const js = w.strategies.find((s) => s.id === 'js');
    if (!js) continue;
    const wrong: Strategy<unknown, unknown> = {
      id: 'injected-wrong',
      label: 'injected wrong result (test hook)',
      threads: () => [1],
      async open(input, threads, ctx) {
        const inner = await js.open(input, threads, ctx);
        return { run: async () => corrupt(await inner.run()), close: inner.close };
      },
    };
    w.strategies.push(wrong);
  }
}

/** MULTICORE_BENCH_INJECT=wrong-peer: NumPy and primesieve return a deliberately wrong result. */
export const peerInjection = (): boolean => process.env.MULTICORE_BENCH_INJECT === 'wrong-peer';
