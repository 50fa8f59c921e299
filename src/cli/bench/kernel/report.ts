// The kernel bench's report: the JSON shape (--json) and the table printed at the end.
import type { EventLoopStats, Machine, Stats } from '../schema.js';
import { fmtMs, renderTable } from '../table.js';

export const KERNEL_SCHEMA_VERSION = 1;

export interface KernelRow {
  /** The form ('js', 'workers', 'wasm', 'native') or 'compare:<label>'. */
  id: string;
  label: string;
  threads: number;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  /** How the result was checked: 'reference' (the JS form), 'bitwise' (same bits as it), 'checker'. */
  checked?: 'reference' | 'bitwise' | 'checker';
  stats?: Stats;
  eventLoop?: EventLoopStats;
  /** JS main thread's median / this median. */
  speedup?: number;
  /** speed-up over the same row at 1 thread / threads. */
  efficiency?: number;
}

export interface KernelSizeReport {
  size: number;
  label: string;
  rows: KernelRow[];
}

export interface KernelBenchReport {
  schemaVersion: number;
  tool: 'multicore bench --kernel';
  file: string;
  kernel: string;
  mode: 'run' | 'reduce';
  createdAt: string;
  options: { quick: boolean; threads: number[]; rounds: number };
  machine: Machine;
  sizes: KernelSizeReport[];
  failures: number;
  durationMs: number;
}

const fmtX = (x: number | undefined) => (x === undefined ? '' : x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`);

/** Fills speedup (over the JS row) and efficiency (over the same row at 1 thread). */
export function addRatios(rows: KernelRow[]): void {
  const js = rows.find((r) => r.id === 'js' && r.stats);
  for (const r of rows) {
    if (!r.stats) continue;
    if (js?.stats) r.speedup = js.stats.medianMs / r.stats.medianMs;
    const one = rows.find((o) => o.id === r.id && o.threads === 1 && o.stats);
    if (one?.stats) r.efficiency = one.stats.medianMs / r.stats.medianMs / r.threads;
  }
}

export function renderKernelReport(r: KernelBenchReport): string {
  const head = ['size', 'form', 'threads', 'median', '± MAD', 'speed-up', 'efficiency', 'loop max', 'check'];
  const right = [false, false, true, true, true, true, true, true, false];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const s of r.sizes) {
    for (const row of s.rows) {
      if (row.status !== 'ok') {
        const mark = row.status === 'failed' ? 'FAILED' : 'skipped';
        rows.push([s.label, row.label, String(row.threads), mark]);
        const note = `${mark}: ${row.label}: ${row.reason}`;
        if (!notes.includes(note)) notes.push(note);
        continue;
      }
      rows.push([
        s.label,
        row.label,
        String(row.threads),
        fmtMs(row.stats!.medianMs),
        fmtMs(row.stats!.madMs),
        fmtX(row.speedup),
        row.efficiency === undefined ? '' : `${Math.round(row.efficiency * 100)}%`,
        fmtMs(row.eventLoop!.maxMs),
        row.checked ?? '',
      ]);
    }
  }
  const title =
    `kernel '${r.kernel}' (${r.mode}) from ${r.file}: speed-up over the JS form on the main thread; ` +
    "efficiency = speed-up over the same row at 1 thread / threads; check: bitwise = the JS form's bits";
  return [title, renderTable(head, rows, right), ...notes.map((n) => `  ${n}`), ...ratioLines(r)].join('\n');
}

/** wasm against native, and native against each compare row, at the same thread count (the targets). */
function ratioLines(r: KernelBenchReport): string[] {
  const lines: string[] = [];
  for (const s of r.sizes) {
    const ok = (id: string, t: number) => s.rows.find((x) => x.id === id && x.threads === t && x.stats)?.stats?.medianMs;
    for (const t of [...new Set(s.rows.map((x) => x.threads))]) {
      const native = ok('native', t);
      const wasm = ok('wasm', t);
      if (native && wasm) lines.push(`  ${s.label} ×${t}: wasm runs at ${(native / wasm).toFixed(2)}× the native form's speed`);
      for (const c of s.rows.filter((x) => x.id.startsWith('compare:') && x.threads === t && x.stats)) {
        if (native) lines.push(`  ${s.label} ×${t}: native takes ${(native / c.stats!.medianMs).toFixed(2)}× the time of ${c.label}`);
      }
    }
  }
  return lines.length ? ['', 'ratios (same thread count, this run):', ...lines] : [];
}
