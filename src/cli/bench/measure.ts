// Times one strategy with tinybench: a warm-up, then several runs; median and spread.
import { Bench } from 'tinybench';
import { LoopMonitor } from './loop-monitor.js';
import type { EventLoopStats, Stats } from './schema.js';

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
  bench.add(name, async () => { last = await fn(); }, { async: true, beforeEach: turn });
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
