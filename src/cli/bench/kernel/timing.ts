// Times the rows of one size in interleaved rounds: every round runs each row once, so a machine
// whose load changes during the bench (other processes) slows every row alike instead of whichever
// row ran at that moment. Each run is watched by the event-loop monitor; the worst delay is kept.
import { LoopMonitor } from '../loop-monitor.js';
import { statsOf } from '../measure.js';
import type { EventLoopStats, Stats } from '../schema.js';

export interface Timed {
  stats: Stats;
  eventLoop: EventLoopStats;
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** `runs[i]()` runs row i once. Rows whose run throws are reported in `errors` and dropped from later rounds. */
export async function timeInterleaved(
  runs: (() => Promise<unknown>)[],
  rounds: number,
  warmupRounds: number,
): Promise<{ timed: (Timed | undefined)[]; errors: (unknown | undefined)[] }> {
  const times: number[][] = runs.map(() => []);
  const loops: EventLoopStats[][] = runs.map(() => []);
  const errors: (unknown | undefined)[] = runs.map(() => undefined);
  const monitor = new LoopMonitor();
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (let i = 0; i < runs.length; i++) {
      if (errors[i] !== undefined) continue;
      await turn();
      monitor.start();
      const t0 = performance.now();
      try {
        await runs[i]();
      } catch (err) {
        errors[i] = err ?? new Error('failed');
      }
      const ms = performance.now() - t0;
      await turn(); // let an overdue delay sample land
      const loop = monitor.stop();
      if (round >= warmupRounds) {
        times[i].push(ms);
        loops[i].push(loop);
      }
    }
  }
  const timed = runs.map((_, i) =>
    errors[i] !== undefined || !times[i].length
      ? undefined
      : {
          stats: statsOf(times[i]),
          eventLoop: {
            maxMs: Math.max(...loops[i].map((l) => l.maxMs)),
            p99Ms: Math.max(...loops[i].map((l) => l.p99Ms)),
            meanMs: loops[i].reduce((s, l) => s + l.meanMs, 0) / loops[i].length,
          },
        },
  );
  return { timed, errors };
}
