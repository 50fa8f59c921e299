// The worst event-loop delay the main thread sees while a strategy runs: the number that shows
// which strategies block the application (perf_hooks.monitorEventLoopDelay, 10 ms resolution).
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { EventLoopStats } from './schema.js';

const RESOLUTION_MS = 10;

export class LoopMonitor {
  private h: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  start(): void {
    this.h.reset();
    this.h.enable();
  }

  /** Stops and returns the delays beyond the sampling interval, in milliseconds. */
  stop(): EventLoopStats {
    this.h.disable();
    const ms = (ns: number) => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - RESOLUTION_MS) : 0);
    // An empty histogram (the run was shorter than one sample) reports min as 9.2e18: treat as 0.
    if (this.h.count === 0) return { maxMs: 0, p99Ms: 0, meanMs: 0 };
    return { maxMs: ms(this.h.max), p99Ms: ms(this.h.percentile(99)), meanMs: ms(this.h.mean) };
  }
}
