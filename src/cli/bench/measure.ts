// Times one strategy with tinybench: a warm-up, then several runs; median and spread.
import { Bench } from 'tinybench';
import { LoopMonitor } from './loop-monitor.js';
import { median } from '../../util/median.js';
import type { EventLoopStats, Stats } from './schema.js';
import type { ServerStats } from './server/stats.js';

export interface MeasureOptions {
  /** Minimum timed runs. */
  iterations: number;
  /** Time budget per strategy (ms); runs continue until both this and `iterations` are met. */
  timeMs: number;
  warmupIterations: number;
}

// The verified first run of every row already warms the code up; --quick adds no other warm-up.
export const QUICK: MeasureOptions = { iterations: 3, timeMs: 0, warmupIterations: 0 };
export const FULL: MeasureOptions = { iterations: 7, timeMs: 400, warmupIterations: 2 };

export interface Measurement<R> {
  stats: Stats;
  eventLoop: EventLoopStats;
  /** The result of the last timed run, verified again by the caller. */
  last: R;
  /** Server rows: the load test's figures. */
  server?: ServerStats;
}

export async function measure<R>(name: string, fn: () => Promise<R>, o: MeasureOptions): Promise<Measurement<R>> {
  let last: R | undefined;
  const bench = new Bench({
    name,
    iterations: o.iterations,
    time: o.timeMs,
    warmup: o.warmupIterations > 0,
    warmupIterations: o.warmupIterations,
    warmupTime: 0,
    throws: true,
  });
  // Between runs (untimed) give the event loop a turn, so the delay monitor records each run's
  // own blocking instead of one long stretch over back-to-back runs that never yield.
  const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  bench.add(
    name,
    async () => {
      last = await fn();
    },
    { async: true, beforeEach: turn },
  );
  const monitor = new LoopMonitor();
  monitor.start();
  let eventLoop: EventLoopStats;
  try {
    await bench.run();
  } finally {
    await new Promise<void>((resolve) => setTimeout(resolve, 0)); // let an overdue sample land
    eventLoop = monitor.stop();
  }
  const r = bench.tasks[0].result;
  if (r.state !== 'completed') {
    throw new Error(`tinybench: ${name} ended in state '${r.state}'${'error' in r ? `: ${r.error.message}` : ''}`);
  }
  const l = r.latency;
  return {
    stats: { medianMs: l.p50, meanMs: l.mean, minMs: l.min, maxMs: l.max, madMs: l.mad, rmePct: l.rme, samples: l.samplesCount },
    eventLoop,
    last: last as R,
  };
}

/** Median, spread and margin of error of times measured elsewhere (a peer timing itself in its own process). */
export function statsOf(timesMs: number[]): Stats {
  const s = [...timesMs].sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return {
    medianMs: median(s),
    meanMs: mean,
    minMs: s[0],
    maxMs: s[n - 1],
    madMs: median(s.map((x) => Math.abs(x - median(s)))),
    rmePct: mean > 0 ? ((1.96 * sd) / Math.sqrt(n) / mean) * 100 : 0,
    samples: n,
  };
}

/** A self-timed peer: its own times, with the event loop watched here while it runs. */
export async function measureSelf<R>(
  timed: (o: MeasureOptions) => Promise<{ timesMs: number[]; last: R }>,
  o: MeasureOptions,
): Promise<Measurement<R>> {
  const monitor = new LoopMonitor();
  monitor.start();
  let r: { timesMs: number[]; last: R };
  let eventLoop: EventLoopStats;
  try {
    r = await timed(o);
  } finally {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    eventLoop = monitor.stop();
  }
  if (!r.timesMs.length) throw new Error('the peer reported no timed runs');
  return { stats: statsOf(r.timesMs), eventLoop, last: r.last };
}
