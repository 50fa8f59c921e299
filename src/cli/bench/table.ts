// The tables printed at the end: one per group, plain text, aligned, skipped rows with the reason.
import { GROUPS, type BenchReport, type ResultRow, type WorkloadReport } from './schema.js';
import { fastestRival } from './auto-paired.js';

type Cell = string;
interface Column {
  head: string;
  right?: boolean;
  cell(r: ResultRow, w: WorkloadReport): Cell;
}

export const fmtMs = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
const fmtX = (x: number | undefined) => (x === undefined ? '' : x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`);
const fmtPct = (x: number | undefined) => (x === undefined ? '' : `${Math.round(x * 100)}%`);

export function renderTable(head: string[], rows: string[][], right: boolean[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const common: Record<string, Column> = {
  workload: { head: 'workload', cell: (_, w) => w.name },
  strategy: { head: 'strategy', cell: (r) => r.label },
  threads: { head: 'threads', right: true, cell: (r) => String(r.threads) },
  median: { head: 'median', right: true, cell: (r) => (r.stats ? fmtMs(r.stats.medianMs) : '') },
  spread: { head: '± MAD', right: true, cell: (r) => (r.stats ? fmtMs(r.stats.madMs) : '') },
  speedup: { head: 'speed-up', right: true, cell: (r) => fmtX(r.speedup) },
  efficiency: { head: 'efficiency', right: true, cell: (r) => fmtPct(r.efficiency) },
  loop: { head: 'loop max', right: true, cell: (r) => (r.eventLoop ? fmtMs(r.eventLoop.maxMs) : '') },
  gbps: { head: 'GB/s', right: true, cell: (r) => (r.gbPerSec === undefined ? '' : r.gbPerSec.toFixed(2)) },
  perTask: { head: 'µs/task', right: true, cell: (r) => (r.perTaskUs === undefined ? '' : r.perTaskUs.toFixed(1)) },
  rate: { head: 'jobs/s', right: true, cell: (r) => (r.perTaskUs === undefined ? '' : (1e6 / r.perTaskUs).toFixed(0)) },
};

const layouts: Record<string, { title: string; columns: Column[] }> = {
  cpu: {
    title: 'CPU-bound (speed-up over the JS main thread; efficiency = speed-up over the same strategy at 1 thread / threads)',
    columns: [
      common.workload,
      common.strategy,
      common.threads,
      common.median,
      common.spread,
      common.speedup,
      common.efficiency,
      common.loop,
      common.gbps,
    ],
  },
  io: {
    title: 'I/O-bound (speed-up over sequential await)',
    columns: [
      common.workload,
      common.strategy,
      { ...common.threads, head: 'workers' },
      common.median,
      common.spread,
      common.speedup,
      common.loop,
    ],
  },
  dispatch: {
    title: 'Dispatch overhead (tiny tasks)',
    columns: [
      common.workload,
      common.strategy,
      { ...common.threads, head: 'workers' },
      common.median,
      common.spread,
      common.perTask,
      common.loop,
    ],
  },
  server: {
    title:
      "Embedding in a server (CPU endpoint saturated by autocannon; /health probed meanwhile; idle p99 = the same server's /health just before; loop max = the server's own event loop; ratios from this run)",
    columns: [
      common.workload,
      common.strategy,
      common.threads,
      { head: 'CPU req/s', right: true, cell: (r) => (r.server?.cpuReqPerSec === undefined ? '—' : r.server.cpuReqPerSec.toFixed(0)) },
      { head: 'vs piscina', right: true, cell: (r) => fmtX(r.server?.reqPerSecVsPiscina) },
      {
        head: 'server CPU ms/req',
        right: true,
        cell: (r) => (r.server?.serverCpuMsPerRequest === undefined ? '' : r.server.serverCpuMsPerRequest.toFixed(2)),
      },
      { head: 'CPU p50', right: true, cell: (r) => (r.server?.cpuReqPerSec === undefined || !r.stats ? '' : fmtMs(r.stats.medianMs)) },
      { head: '/health p50', right: true, cell: (r) => (r.server ? fmtMs(r.server.healthP50Ms) : '') },
      { head: '/health p99', right: true, cell: (r) => (r.server ? fmtMs(r.server.healthP99Ms) : '') },
      { head: 'idle p99', right: true, cell: (r) => (r.server?.healthIdleP99Ms === undefined ? '' : fmtMs(r.server.healthIdleP99Ms)) },
      { head: 'p99 vs idle', right: true, cell: (r) => fmtX(r.server?.healthP99VsIdle) },
      common.loop,
    ],
  },
  distributed: {
    title:
      'Distributed (BullMQ on Redis; workers = `multicore worker` processes; cost = time per job / time per local ThreadPoolExecutor task; efficiency = speed-up over one worker / workers)',
    columns: [
      common.workload,
      common.strategy,
      { ...common.threads, head: 'workers' },
      common.median,
      common.spread,
      { ...common.perTask, head: 'µs/job' },
      common.rate,
      { head: 'cost', right: true, cell: (r) => (r.speedup ? fmtX(1 / r.speedup) : '') },
      common.efficiency,
      common.loop,
    ],
  },
};

export function renderGroup(group: string, workloads: WorkloadReport[]): string {
  const layout = layouts[group];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const w of workloads) {
    for (const r of w.results) {
      if (r.status === 'ok') rows.push(layout.columns.map((c) => c.cell(r, w)));
      else {
        const mark = r.status === 'failed' ? 'FAILED' : 'skipped';
        rows.push([w.name, r.label, String(r.threads), mark]);
        const note = `${mark}: ${r.reason}`;
        if (!notes.includes(note)) notes.push(note);
      }
    }
    if (w.memcpyGBps !== undefined)
      rows.push(
        [w.name, 'memory copy (Float64Array.set)', '1', '', '', '', '', '', w.memcpyGBps.toFixed(2)].slice(0, layout.columns.length),
      );
  }
  const table = renderTable(
    layout.columns.map((c) => c.head),
    rows,
    layout.columns.map((c) => Boolean(c.right)),
  );
  return [layout.title, table, ...notes.map((n) => `  ${n}`)].join('\n');
}

/**
 * One line per 'auto' row: its median over the fastest non-peer row's (the ≤ 1.1× goal), and the
 * same ratio re-timed side by side (auto-paired.ts), which drift between rows does not move.
 */
export function renderAutoSummary(r: BenchReport): string {
  const lines: string[] = [];
  for (const w of r.workloads) {
    for (const a of w.results.filter((x) => x.strategy === 'auto' && x.ofBest !== undefined)) {
      const best = fastestRival(w.results, a.threads);
      const p = a.paired;
      lines.push(
        `  ${w.name.padEnd(15)} auto ×${a.threads} → ${(a.detail ?? '?').padEnd(7)} ${a.ofBest!.toFixed(2)}× the fastest row at ≤ ${a.threads} threads (${best ? `${best.label} ×${best.threads}` : '?'})` +
          (p
            ? `; side by side ${p.ofBest.toFixed(2)}× (median of ${p.rounds} rounds' ratios; of medians ${p.ofMedians.toFixed(2)}×${p.choice !== a.detail ? `; chose ${p.choice}` : ''})`
            : ''),
      );
    }
  }
  return lines.length
    ? `'auto' against the fastest row of the same workload using at most as many threads (goal ≤ 1.10×)\n${lines.join('\n')}`
    : '';
}

/** One line per CPU workload with both native rows at one thread: C++ ÷ Rust from the rows and side by side (native-paired.ts). */
export function renderNativeSummary(r: BenchReport): string {
  const lines: string[] = [];
  for (const w of r.workloads) {
    const p = w.nativePaired;
    const at1 = (id: string) => w.results.find((x) => x.strategy === id && x.threads === 1 && x.stats)?.stats?.medianMs;
    const cpp = at1('cpp');
    const rust = at1('rust');
    if (!p || cpp === undefined || rust === undefined) continue;
    lines.push(
      `  ${w.name.padEnd(15)} rows ${(cpp / rust).toFixed(2)}×; side by side ${p.cppOverRust.toFixed(2)}× (median of ${p.rounds} rounds' ratios; of medians ${p.ofMedians.toFixed(2)}×)`,
    );
  }
  return lines.length ? `C++ ÷ Rust at 1 thread (goal: each within 1.25× of the better, 0.80–1.25×)\n${lines.join('\n')}` : '';
}

/** One line per native-and-peer pair at one thread (peer-paired.ts): the rows' ratio and the side-by-side one. */
export function renderPeerSummary(r: BenchReport): string {
  const lines: string[] = [];
  for (const w of r.workloads) {
    for (const p of w.peerPaired ?? []) {
      const at1 = (id: string) => w.results.find((x) => x.strategy === id && x.threads === 1 && x.stats)?.stats?.medianMs;
      const native = at1(p.native);
      const peer = at1(p.peer);
      const rows = native !== undefined && peer !== undefined ? `rows ${(native / peer).toFixed(2)}×; ` : '';
      lines.push(
        `  ${w.name.padEnd(15)} ${`${p.nativeLabel} ÷ ${p.peerLabel}`.padEnd(32)} ${rows}side by side ${p.nativeOverPeer.toFixed(2)}× (median of ${p.rounds} rounds' ratios; of medians ${p.ofMedians.toFixed(2)}×)`,
      );
    }
  }
  return lines.length ? `The faster native row ÷ each peer, time at 1 thread (below 1: native faster)\n${lines.join('\n')}` : '';
}

export function renderReport(r: BenchReport): string {
  const groups = GROUPS.filter((g) => r.workloads.some((w) => w.group === g));
  const auto = renderAutoSummary(r);
  const native = renderNativeSummary(r);
  const peers = renderPeerSummary(r);
  return [
    ...groups.map((g) =>
      renderGroup(
        g,
        r.workloads.filter((w) => w.group === g),
      ),
    ),
    ...(auto ? [auto] : []),
    ...(native ? [native] : []),
    ...(peers ? [peers] : []),
  ].join('\n\n');
}
