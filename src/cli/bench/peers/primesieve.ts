// primesieve rows for countPrimes: the `primesieve` CLI (Kim Walisch's segmented sieve, the
// best-in-class prime counter) on the same limit and thread count. Its count is checked; its time
// is its own (`--time`, printed in seconds with 1 ms resolution), so process start is not counted.
import { execFile, spawnSync } from 'node:child_process';
import { Skip, type Runner, type Strategy } from '../workloads/types.js';

export const PRIMESIEVE_HINT = 'primesieve not on PATH: `apt-get install primesieve` (or `brew install primesieve`)';
/** Half of --time's resolution: what a run that printed 0.000 s is counted as. */
const BELOW_RESOLUTION_MS = 0.5;

let version: string | undefined | null;

function primesieveVersion(): string | undefined {
  if (version === undefined) {
    const r = spawnSync('primesieve', ['--version'], { encoding: 'utf8', timeout: 10_000 });
    version = r.status === 0 ? (/primesieve\s+([\d.]+)/.exec(r.stdout)?.[1] ?? 'unknown') : null;
  }
  return version ?? undefined;
}

/** One run: primesieve's count of primes ≤ limit and its own time in ms. */
export function runPrimesieve(limit: number, threads: number): Promise<{ count: number; ms: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      'primesieve',
      [String(limit), '--count', '--time', `--threads=${threads}`, '--no-status'],
      { timeout: 600_000 },
      (err, stdout) => {
        if (err) return reject(new Error(`primesieve failed: ${err.message.split('\n')[0]}`));
        const count = /Primes:\s*(\d+)/.exec(stdout)?.[1];
        const seconds = /Seconds:\s*([\d.]+)/.exec(stdout)?.[1];
        if (count === undefined || seconds === undefined)
          return reject(new Error(`primesieve printed no count/time: ${stdout.slice(0, 200)}`));
        resolve({ count: Number(count), ms: Math.max(Number(seconds) * 1000, BELOW_RESOLUTION_MS) });
      },
    );
  });
}

export function primesieveStrategy<I>(limitOf: (input: I) => number): Strategy<I, number> {
  return {
    id: 'primesieve',
    label: 'primesieve CLI',
    threads: (ctx) => (ctx.args.peers ? ctx.args.threads : []),
    async open(input, threads): Promise<Runner<number>> {
      const v = primesieveVersion();
      if (!v) throw new Skip(PRIMESIEVE_HINT);
      const limit = limitOf(input);
      return {
        run: async () => (await runPrimesieve(limit, threads)).count,
        async timed(o) {
          const timesMs: number[] = [];
          let last = NaN;
          for (let i = 0; i < o.warmupIterations; i++) await runPrimesieve(limit, threads);
          // As tinybench: at least `iterations` runs and `timeMs` of its time (at most 50 runs: each is a process start).
          while (timesMs.length < o.iterations || (timesMs.reduce((a, b) => a + b, 0) < o.timeMs && timesMs.length < 50)) {
            const r = await runPrimesieve(limit, threads);
            timesMs.push(r.ms);
            last = r.count;
          }
          return { timesMs, last };
        },
        detail: () => `primesieve ${v}, its own --time`,
      };
    },
  };
}
