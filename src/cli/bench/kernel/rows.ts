// The rows of a kernel bench: the JS form on the main thread (the reference), then the workers,
// wasm and native forms and the spec's compare rows at each thread count. One iteration of a row
// runs all of a size's calls in order.
import type { FormAvailability, UserKernelForm } from '../../../kernels/user/api.js';
import type { BenchCall, BenchCompare, KernelBenchSpec } from './spec.js';

export interface Row {
  /** Stable id: the form ('js', 'workers', 'wasm', 'native') or 'compare:<label>'. */
  id: string;
  label: string;
  threads: number;
  form?: UserKernelForm;
  compare?: BenchCompare;
  /** Why the row cannot run here. */
  skip?: string;
}

const LABELS: Record<UserKernelForm, string> = { js: 'JS main thread', workers: 'JS workers', wasm: 'wasm', native: 'native' };

export function planRows(spec: KernelBenchSpec, threads: number[], availability: Record<UserKernelForm, FormAvailability>): Row[] {
  const rows: Row[] = [];
  const add = (form: UserKernelForm, t: number) => {
    const a = availability[form];
    rows.push({ id: form, label: LABELS[form], threads: t, form, skip: a.available ? undefined : a.reason });
  };
  add('js', 1);
  for (const form of ['workers', 'wasm', 'native'] as const) {
    if (!spec.kernel.forms.includes(form)) continue;
    for (const t of threads) add(form, t);
  }
  for (const c of spec.compare ?? [])
    for (const t of threads) rows.push({ id: `compare:${c.label}`, label: c.label, threads: t, compare: c, skip: c.skip });
  return rows;
}

/** Runs the calls once with the row's form (or compare function); resolves with the last call's result. */
export async function iterate(row: Row, spec: KernelBenchSpec, calls: BenchCall[]): Promise<unknown> {
  if (row.compare) return row.compare.run(calls, { threads: row.threads });
  let last: unknown;
  for (const c of calls) {
    const options = { backend: row.form, threads: row.threads, chunkSize: c.chunkSize ?? spec.chunkSize };
    last = spec.mode === 'reduce' ? await spec.kernel.reduce(c.length, c.args, options) : await spec.kernel.run(c.length, c.args, options);
  }
  return last;
}
