// `--compare A.json B.json`: B's median over A's for every row both runs have (same workload,
// strategy and thread count). Below 1 means B was faster.
import { readFile } from 'node:fs/promises';
import { UsageError } from '../usage-error.js';
import { validateReport, type BenchReport } from './schema.js';
import { fmtMs, renderTable } from './table.js';

async function load(file: string): Promise<BenchReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--compare: cannot read '${file}': ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`--compare: '${file}' is not JSON`);
  }
  const errors = validateReport(parsed);
  if (errors.length)
    throw new UsageError(`--compare: '${file}' is not a multicore bench report (schemaVersion 1): ${errors.slice(0, 3).join('; ')}`);
  return parsed as BenchReport;
}

export interface ComparedRow {
  workload: string;
  strategy: string;
  label: string;
  threads: number;
  aMs: number;
  bMs: number;
  ratio: number;
}

export function compareReports(a: BenchReport, b: BenchReport): ComparedRow[] {
  const out: ComparedRow[] = [];
  for (const wa of a.workloads) {
    const wb = b.workloads.find((w) => w.name === wa.name);
    for (const ra of wa.results) {
      const rb = wb?.results.find((r) => r.strategy === ra.strategy && r.threads === ra.threads);
      if (ra.stats && rb?.stats) {
        out.push({
          workload: wa.name,
          strategy: ra.strategy,
          label: ra.label,
          threads: ra.threads,
          aMs: ra.stats.medianMs,
          bMs: rb.stats.medianMs,
          ratio: rb.stats.medianMs / ra.stats.medianMs,
        });
      }
    }
  }
  return out;
}

export async function runCompare(fileA: string, fileB: string): Promise<number> {
  // One after the other: with both broken, the message must always name A (in parallel, whichever failed first won).
  const a = await load(fileA);
  const b = await load(fileB);
  const rows = compareReports(a, b);
  console.log(`A: ${fileA} — ${a.machine.cpu}, ${a.machine.cores} cores, Node ${a.machine.node}, ${a.createdAt}`);
  console.log(`B: ${fileB} — ${b.machine.cpu}, ${b.machine.cores} cores, Node ${b.machine.node}, ${b.createdAt}`);
  if (a.options.scale !== b.options.scale)
    console.log(`note: the runs used different sizes (${a.options.size} vs ${b.options.size}): ratios compare different amounts of work`);
  console.log('');
  if (rows.length === 0) {
    console.log('no rows in common');
    return 0;
  }
  const verdict = (r: number) => (r < 0.95 ? `B ${(1 / r).toFixed(2)}× faster` : r > 1.05 ? `B ${r.toFixed(2)}× slower` : 'same (±5%)');
  console.log(
    renderTable(
      ['workload', 'strategy', 'threads', 'A median', 'B median', 'B/A', ''],
      rows.map((r) => [r.workload, r.label, String(r.threads), fmtMs(r.aMs), fmtMs(r.bMs), r.ratio.toFixed(3), verdict(r.ratio)]),
      [false, false, true, true, true, true, false],
    ),
  );
  const geo = Math.exp(rows.reduce((s, r) => s + Math.log(r.ratio), 0) / rows.length);
  console.log(`\n${rows.length} rows in common; geometric mean of B/A ${geo.toFixed(3)}`);
  return 0;
}
