// `--html FILE`: one self-contained page (inline CSS and SVG, no script, no network) with the
// machine, charts of speed-up and event-loop delay per workload, and every row in a table.
import type { BenchReport, ResultRow, WorkloadReport } from './schema.js';
import { barChart, esc, type Bar } from './svg-chart.js';
import { fmtMs } from './table.js';

const COLORS: Record<string, string> = {
  js: '#9e9e9e',
  workers: '#f4a261',
  process: '#e76f51',
  cpp: '#2a9d8f',
  rust: '#b5651d',
  wasm: '#654ff0',
  auto: '#1d3557',
  numpy: '#4dabcf',
  primesieve: '#8338ec',
  sequential: '#9e9e9e',
  'promise-all': '#2a9d8f',
  bounded: '#457b9d',
  'thread-pool': '#f4a261',
  'process-pool': '#e76f51',
  'thread-submit': '#f4a261',
  'thread-map': '#e9c46a',
  'process-submit': '#e76f51',
  'process-map': '#d62828',
  piscina: '#457b9d',
  tinypool: '#2a9d8f',
  workerpool: '#6d597a',
  idle: '#adb5bd',
  inline: '#9e9e9e',
  'local-thread-submit': '#f4a261',
  'dist-submit': '#1d3557',
  'dist-map': '#457b9d',
};
const color = (id: string) => COLORS[id] ?? '#264653';
const label = (r: ResultRow) => `${r.label} ×${r.threads}`;

function charts(w: WorkloadReport): string {
  const ok = w.results.filter((r) => r.status === 'ok');
  if (w.group === 'server') return serverCharts(ok);
  const out: string[] = [];
  if (w.group === 'dispatch' || w.group === 'distributed') {
    out.push(
      barChart(
        `time per ${w.group === 'distributed' ? 'job' : 'task'} (µs, lower is better)`,
        ok.map((r) => ({
          label: label(r),
          value: r.perTaskUs ?? 0,
          text: `${(r.perTaskUs ?? 0).toFixed(1)} µs`,
          color: color(r.strategy),
        })),
      ),
    );
  } else {
    const bars: Bar[] = ok.map((r) => ({
      label: label(r),
      value: r.speedup ?? 0,
      text: `${(r.speedup ?? 0).toFixed(2)}×`,
      color: color(r.strategy),
    }));
    out.push(barChart(`speed-up over ${w.baseline ?? 'baseline'} (higher is better)`, bars, { marker: 1, markerLabel: '1×' }));
  }
  out.push(
    barChart(
      'worst event-loop delay on the main thread (ms, lower is better)',
      ok.map((r) => ({
        label: label(r),
        value: r.eventLoop?.maxMs ?? 0,
        text: fmtMs(r.eventLoop?.maxMs ?? 0),
        color: color(r.strategy),
      })),
    ),
  );
  if (w.memcpyGBps !== undefined) {
    const bars: Bar[] = ok.map((r) => ({
      label: label(r),
      value: r.gbPerSec ?? 0,
      text: `${(r.gbPerSec ?? 0).toFixed(2)} GB/s`,
      color: color(r.strategy),
    }));
    bars.push({ label: 'memory copy (reference)', value: w.memcpyGBps, text: `${w.memcpyGBps.toFixed(2)} GB/s`, color: '#adb5bd' });
    out.push(barChart('throughput (GB/s) next to a memory copy of the same size', bars));
  }
  return out.join('\n');
}

/** Server rows: CPU throughput, /health p99 against the idle row's, and the server's own event-loop delay. */
function serverCharts(ok: ResultRow[]): string {
  const loaded = ok.filter((r) => r.server?.cpuReqPerSec !== undefined);
  const vsIdle = loaded
    .filter((r) => r.server!.healthP99VsIdle !== undefined)
    .map((r) => ({
      label: label(r),
      value: r.server!.healthP99VsIdle!,
      text: `${r.server!.healthP99VsIdle!.toFixed(2)}×`,
      color: color(r.strategy),
    }));
  const p99 = ok.map((r) => ({
    label: label(r),
    value: r.server!.healthP99Ms,
    text: fmtMs(r.server!.healthP99Ms),
    color: color(r.strategy),
  }));
  return [
    barChart(
      'CPU endpoint requests per second, checksums verified (higher is better)',
      loaded.map((r) => ({
        label: label(r),
        value: r.server!.cpuReqPerSec!,
        text: `${r.server!.cpuReqPerSec!.toFixed(0)} req/s`,
        color: color(r.strategy),
      })),
    ),
    barChart(
      'server CPU time per request, all threads (ms, lower is better)',
      loaded.map((r) => ({
        label: label(r),
        value: r.server!.serverCpuMsPerRequest ?? 0,
        text: fmtMs(r.server!.serverCpuMsPerRequest ?? 0),
        color: color(r.strategy),
      })),
    ),
    barChart('/health p99 latency while the CPU endpoint is saturated (ms, lower is better)', p99),
    barChart('/health p99 loaded / the same server idle just before (lower is better; target ≤ 2×)', vsIdle, {
      marker: 2,
      markerLabel: '2×',
    }),
    barChart(
      'worst event-loop delay inside the server (ms, lower is better)',
      ok.map((r) => ({ label: label(r), value: r.eventLoop?.maxMs ?? 0, text: fmtMs(r.eventLoop?.maxMs ?? 0), color: color(r.strategy) })),
    ),
  ].join('\n');
}

function serverRowsTable(w: WorkloadReport): string {
  const cells = w.results.map((r) => {
    if (r.status !== 'ok' || !r.server)
      return `<tr class="${r.status}"><td>${esc(r.label)}</td><td>${r.threads}</td><td colspan="10">${r.status}: ${esc(r.reason ?? '')}</td></tr>`;
    const s = r.server;
    const x = (v: number | undefined) => (v === undefined ? '' : `${v.toFixed(2)}×`);
    const cpu = s.cpuReqPerSec !== undefined;
    return (
      `<tr><td>${esc(r.label)}</td><td>${r.threads}</td><td>${cpu ? s.cpuReqPerSec!.toFixed(0) : '—'}</td><td>${x(s.reqPerSecVsPiscina)}</td><td>${s.serverCpuMsPerRequest === undefined ? '' : fmtMs(s.serverCpuMsPerRequest)}</td><td>${cpu && r.stats ? fmtMs(r.stats.medianMs) : ''}</td>` +
      `<td>${fmtMs(s.healthP50Ms)}</td><td>${fmtMs(s.healthP99Ms)}</td><td>${s.healthIdleP99Ms === undefined ? '' : fmtMs(s.healthIdleP99Ms)}</td><td>${x(s.healthP99VsIdle)}</td><td>${r.eventLoop ? fmtMs(r.eventLoop.maxMs) : ''}</td><td>${s.checksumsVerified ?? ''}</td></tr>`
    );
  });
  return `<table><thead><tr><th>strategy</th><th>threads</th><th>CPU req/s</th><th>vs piscina</th><th>server CPU per request</th><th>CPU p50</th><th>/health p50</th><th>/health p99</th><th>idle p99</th><th>p99 vs idle</th><th>server loop max</th><th>checksums verified</th></tr></thead><tbody>${cells.join('')}</tbody></table>`;
}

/** Strategy families compared across workloads in the overview (each at its best thread count). */
const FAMILIES: [string, string][] = [
  ['workers', "'workers'"],
  ['process', 'ProcessPool'],
  ['cpp', 'C++'],
  ['rust', 'Rust'],
  ['wasm', 'WebAssembly'],
  ['auto', "'auto'"],
  ['numpy', 'NumPy'],
  ['primesieve', 'primesieve'],
];

/**
 * The overview above the sections: for every CPU workload, the best speed-up each strategy family
 * reached (at any thread count), so one glance shows which model wins where.
 */
function overview(r: BenchReport): string {
  const cpu = r.workloads.filter((w) => w.group === 'cpu');
  if (!cpu.length) return '';
  const perFamily = FAMILIES.map(
    ([id, name]) =>
      [
        name,
        cpu.flatMap((w): Bar[] => {
          const best = w.results
            .filter((x) => x.strategy === id && x.status === 'ok' && x.speedup !== undefined)
            .sort((a, b) => b.speedup! - a.speedup!)[0];
          return best
            ? [{ label: w.name, value: best.speedup!, text: `${best.speedup!.toFixed(2)}× (×${best.threads})`, color: color(id) }]
            : [];
        }),
      ] as const,
  );
  // One scale for all four, so bars compare across families too.
  const max = Math.max(1, ...perFamily.flatMap(([, bars]) => bars.map((b) => b.value)));
  const charts = perFamily
    .filter(([, bars]) => bars.length)
    .map(([name, bars]) => barChart(`${name}: best speed-up over the JS main thread`, bars, { marker: 1, max }));
  if (!charts.length) return '';
  return (
    `<section class="overview"><h2>Overview: CPU-bound</h2><p class="desc">Each family at its best thread count, per workload, all on one scale (the dashed line is 1×, the JS main thread); the sections below have every row.</p>` +
    `<div class="charts">${charts.join('\n')}</div></section>`
  );
}

function rowsTable(w: WorkloadReport): string {
  if (w.group === 'server') return serverRowsTable(w);
  const cells = w.results.map((r) => {
    const s = r.stats;
    const v = (x: number | undefined, f: (n: number) => string) => (x === undefined ? '' : f(x));
    if (r.status !== 'ok')
      return `<tr class="${r.status}"><td>${esc(r.label)}</td><td>${r.threads}</td><td colspan="7">${r.status}: ${esc(r.reason ?? '')}</td></tr>`;
    return (
      `<tr><td>${esc(r.label)}</td><td>${r.threads}</td><td>${v(s?.medianMs, fmtMs)}</td><td>${v(s?.madMs, fmtMs)}</td><td>${s?.samples ?? ''}</td>` +
      `<td>${v(r.speedup, (x) => `${x.toFixed(2)}×`)}</td><td>${v(r.efficiency, (x) => `${Math.round(x * 100)}%`)}</td>` +
      `<td>${v(r.eventLoop?.maxMs, fmtMs)}</td><td>${v(r.gbPerSec ?? r.perTaskUs, (x) => (r.gbPerSec !== undefined ? `${x.toFixed(2)} GB/s` : `${x.toFixed(1)} µs/task`))}</td></tr>`
    );
  });
  return `<table><thead><tr><th>strategy</th><th>threads</th><th>median</th><th>± MAD</th><th>runs</th><th>speed-up</th><th>efficiency</th><th>loop max</th><th>rate</th></tr></thead><tbody>${cells.join('')}</tbody></table>`;
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1180px;color:#1d2327;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 2px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:18px 0 2px}
.machine{color:#444}.desc{color:#555;margin:2px 0 8px}.charts{display:flex;flex-wrap:wrap;gap:12px 28px}
.chart .title{font-weight:600;font-size:12px}.chart .lbl,.chart .val{font-size:11px}.chart .marker{stroke:#333;stroke-dasharray:3 3}.chart .mlbl{font-size:10px}
table{border-collapse:collapse;margin:8px 0;font-size:12px}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}
tr.skipped td{color:#888}tr.failed td{color:#b00020;font-weight:600}.fail{color:#b00020;font-weight:700}`;

export function renderHtml(r: BenchReport): string {
  const m = r.machine;
  const backends = Object.entries(m.backends)
    .map(([n, s]) => (s.available ? esc(n) : `${esc(n)} <span title="${esc(s.reason ?? '')}">(unavailable)</span>`))
    .join(', ');
  const groups: [string, string][] = [
    ['cpu', 'CPU-bound'],
    ['io', 'I/O-bound'],
    ['dispatch', 'Dispatch overhead'],
    ['distributed', 'Distributed (BullMQ on Redis)'],
    ['server', 'Embedding in a server'],
  ];
  const sections = groups
    .filter(([g]) => r.workloads.some((w) => w.group === g))
    .map(
      ([g, title]) =>
        `<h2>${title}</h2>${r.workloads
          .filter((w) => w.group === g)
          .map(
            (w) =>
              `<section class="workload" data-workload="${esc(w.name)}"><h3>${esc(w.name)}</h3><p class="desc">${esc(w.description)} — ${esc(
                Object.entries(w.params)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', '),
              )}</p>` + `<div class="charts">${charts(w)}</div>${rowsTable(w)}</section>`,
          )
          .join('')}`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>multicore bench — ${esc(m.cpu)}</title><style>${CSS}</style></head><body>
<h1>multicore bench</h1>
<p class="machine">${esc(m.cpu)} · ${m.cores} cores · SIMD ${esc(m.simd.join(' ') || 'unknown')} · Node ${esc(m.node)} · ${esc(m.platform)}/${esc(m.arch)}<br>
backends: ${backends}<br>${r.options.quick ? 'quick' : 'full'} run, size ${esc(r.options.size)}, threads ${r.options.threads.join(', ')}, ${esc(r.createdAt)}, ${(r.durationMs / 1000).toFixed(1)} s
${r.failures ? `<br><span class="fail">${r.failures} row(s) FAILED verification or could not run</span>` : ''}</p>
${overview(r)}
${sections}
<p class="desc">Every result was checked against the reference before its time counted. Ratios come from this one run; medians over ${r.options.quick ? 'a few' : 'several'} runs (tinybench).</p>
</body></html>
`;
}
