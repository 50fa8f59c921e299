// Where auto.ts finds the probe tables. auto-probes.ts calls the public kernels, which call auto.ts:
// a static import from auto.ts would close a cycle, so auto-probes.ts registers its tables here when
// it loads (kernels/index.ts, the kernels' entry, loads it).
import type { AsyncKernel, Probe, SyncKernel } from './auto-kernels.js';

interface ProbeTables {
  async: Record<AsyncKernel, Probe<Promise<unknown>>>;
  sync: Record<SyncKernel, Probe<unknown>>;
}

let tables: ProbeTables | undefined;

export function registerProbes(async: ProbeTables['async'], sync: ProbeTables['sync']): void {
  tables = { async, sync };
}

/** The probe tables; throws if the kernels' entry (which loads auto-probes.ts) was never imported. */
export function probeTables(): ProbeTables {
  if (tables === undefined) throw new Error("multicore internal error: 'auto' probes not loaded (import the package, not kernels/auto.js alone)");
  return tables;
}
