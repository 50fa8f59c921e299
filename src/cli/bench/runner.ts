// Walks the workload × strategy × thread-count table: open, run once and verify against the
// reference, time with tinybench while watching the event loop, verify the last run again,
// close. Ratios (speed-up, efficiency, GB/s next to memcpy) come from this one run.
import type { BenchArgs } from './args.js';
import { FULL, QUICK, measure, measureSelf } from './measure.js';
import type { Progress } from './progress.js';
import type { ResultRow, WorkloadReport } from './schema.js';
import { Skip, type Context, type Workload } from './workloads/types.js';
import { deriveServer, serverSummary } from './server/stats.js';
import { CLOSE_TIMEOUT_MS, withTimeout } from './timeout.js';
import { verifierOf } from './row-verify.js';
import { fastestRival, pairAutoRows } from './auto-paired.js';
import { pairNativeRows } from './native-paired.js';
import { pairPeerRows } from './peer-paired.js';

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0];

export function selectWorkloads(all: Workload[], only: string[] | null): Workload[] {
  return only ? all.filter((w) => only.includes(w.name) || only.includes(w.group)) : all;
}

export function makeContext(args: BenchArgs, cores: number, backends: Context['backends']): Context {
  return { args, cores, backends, measure: args.quick ? QUICK : FULL, rowTimeoutMs: args.quick ? 60_000 : 600_000 };
}

/** The rows the run will have: what the progress counts to (runWorkload runs exactly these). */
export function countSteps(workloads: Workload[], ctx: Context): number {
  let n = 0;
  for (const w of workloads) {
    const p = w.params(ctx.args.scale, ctx);
    for (const s of w.strategies) n += s.threads(ctx, p).length;
  }
  return n;
}

const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

async function runRow(
  w: Workload,
  s: Workload['strategies'][number],
  threads: number,
  input: unknown,
  expected: unknown,
  ctx: Context,
  progress: Progress,
): Promise<ResultRow> {
  const base = { strategy: s.id, label: s.label, threads };
  const what = `${w.name} · ${s.label} ×${threads}`;
  progress.step(what);
  let runner;
  try {
    runner = await withTimeout(s.open(input, threads, ctx), ctx.rowTimeoutMs, 'starting the strategy');
  } catch (err) {
    const skipped = err instanceof Skip;
    progress.done(what, skipped ? `skipped (${err.message})` : `FAILED to start: ${firstLine(err)}`);
    return { ...base, status: skipped ? 'skipped' : 'failed', reason: skipped ? err.message : `failed to start: ${firstLine(err)}` };
  }
  const verify = verifierOf(w, s, expected, input);
  try {
    const r = runner;
    const bad = verify(await withTimeout(r.run(), ctx.rowTimeoutMs, 'the first run'));
    const detail = r.detail?.();
    if (detail) Object.assign(base, { label: `${s.label} → ${detail}`, detail });
    const why = r.why?.();
    if (why) Object.assign(base, { why });
    if (bad) {
      progress.done(what, `WRONG RESULT: ${bad}`);
      return { ...base, status: 'failed', reason: `result differs from the reference: ${bad}` };
    }
    const m = await withTimeout(
      r.load ? r.load() : r.timed ? measureSelf(r.timed, ctx.measure) : measure(what, r.run, ctx.measure),
      ctx.rowTimeoutMs,
      r.load ? 'the load test' : 'the timed runs',
    );
    const badLast = verify(m.last);
    if (badLast) {
      progress.done(what, `WRONG RESULT in a timed run: ${badLast}`);
      return { ...base, status: 'failed', reason: `a timed run's result differs from the reference: ${badLast}` };
    }
    progress.done(
      what,
      m.server
        ? serverSummary(m.server, m.eventLoop.maxMs)
        : `${fmtMs(m.stats.medianMs)} ms (±${fmtMs(m.stats.madMs)}), event loop max ${fmtMs(m.eventLoop.maxMs)} ms`,
    );
    return { ...base, status: 'ok', stats: m.stats, eventLoop: m.eventLoop, ...(m.server && { server: m.server }) };
  } catch (err) {
    progress.done(what, `FAILED: ${firstLine(err)}`);
    return { ...base, status: 'failed', reason: `error: ${firstLine(err)}` };
  } finally {
    if (runner.close) {
      await withTimeout(runner.close(), CLOSE_TIMEOUT_MS, `${s.label} shutdown`).catch((err) =>
        progress.note(`warning: ${firstLine(err)}`),
      );
    }
  }
}

/** Float64Array.prototype.set over the same element count: the memory bandwidth a streaming kernel can hope for. */
async function memcpyGBps(elements: number, ctx: Context, progress: Progress, name: string): Promise<number> {
  const what = `${name} · memory-copy reference`;
  progress.step(what);
  const src = new Float64Array(elements).fill(1.5);
  const dst = new Float64Array(elements);
  const m = await measure(
    what,
    async () => {
      dst.set(src);
      return dst;
    },
    ctx.measure,
  );
  const gbps = (16 * elements) / (m.stats.medianMs / 1000) / 1e9;
  progress.note(`${what}: ${gbps.toFixed(2)} GB/s`); // not a row: not counted in the progress total
  return gbps;
}

/** Speed-up over the baseline, parallel efficiency, GB/s and per-task cost, from this run's medians. */
export function derive(w: Workload, report: WorkloadReport): void {
  if (w.group === 'server') {
    deriveServer(report.results);
    return;
  }
  const ok = report.results.filter((r) => r.status === 'ok' && r.stats);
  const base = ok.find((r) => r.strategy === report.baseline);
  const stream = w.stream?.(report.params);
  const tasks = w.tasks?.(report.params);
  for (const r of ok) {
    const median = r.stats!.medianMs;
    if (base) r.speedup = base.stats!.medianMs / median;
    const one = ok.find((o) => o.strategy === r.strategy && o.threads === 1);
    if (one && r.threads > 1) r.efficiency = one.stats!.medianMs / median / r.threads;
    if (stream) r.gbPerSec = stream.bytes / (median / 1000) / 1e9;
    if (tasks) r.perTaskUs = (median * 1000) / tasks;
  }
  // 'auto' against the fastest row it could have been (peers are not backends it can choose).
  // At t threads auto competes with every row that used at most t (at the default, all cores: every row).
  for (const r of ok.filter((x) => x.strategy === 'auto')) {
    const best = fastestRival(ok, r.threads);
    if (best) r.ofBest = r.stats!.medianMs / best.stats!.medianMs;
  }
}

export async function runWorkload(w: Workload, ctx: Context, progress: Progress): Promise<WorkloadReport> {
  const params = w.params(ctx.args.scale, ctx);
  const report: WorkloadReport = { name: w.name, group: w.group, description: w.description, params, results: [] };
  if (w.baseline) report.baseline = w.baseline;
  const input = await w.setup(params, ctx);
  try {
    const expected = await w.reference(input);
    const stream = w.stream?.(params);
    if (stream) report.memcpyGBps = await memcpyGBps(stream.elements, ctx, progress, w.name);
    for (const s of w.strategies) {
      for (const t of s.threads(ctx, params)) report.results.push(await runRow(w, s, t, input, expected, ctx, progress));
      // Right after the auto rows, before the peers' processes run (and linger).
      if (w.group === 'cpu' && s.id === 'auto') {
        await pairAutoRows(w, report.results, input, expected, ctx, progress);
        await pairNativeRows(w, report, input, expected, ctx, progress);
      }
    }
    if (w.group === 'cpu') await pairPeerRows(w, report, input, expected, ctx, progress);
  } finally {
    await w.teardown?.(input);
  }
  derive(w, report);
  return report;
}
