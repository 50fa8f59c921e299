// Command-line arguments of `multicore bench`. Every mistake is a UsageError (exit code 2).
import { UsageError } from '../usage-error.js';

export interface BenchArgs {
  help: boolean;
  quick: boolean;
  /** Workload or group names (`cpu`, `io`, `dispatch`, `distributed`, `server`); null: everything. */
  only: string[] | null;
  /** Thread counts for the parallel strategies; default 1 and all cores. */
  threads: number[];
  /** The --size word as given (`small`, `medium`, `large` or a number). */
  size: string;
  /** Work multiplier relative to medium (small 1/8, medium 1, large 8, or the number given). */
  scale: number;
  json?: string;
  html?: string;
  /** The Redis the distributed workload uses (redis://, rediss:// or unix:// URL); default: a private redis-server. */
  redis?: string;
  compare?: [string, string];
  /** Rows for NumPy and primesieve where installed (--peers, the default; --no-peers). */
  peers: boolean;
  /** --kernel FILE: bench the user kernel this module's default export describes (src/cli/bench/kernel/). */
  kernel?: string;
}

export const SIZES: Record<string, number> = { small: 1 / 8, medium: 1, large: 8 };
export const MAX_THREADS = 256;
const MAX_SCALE = 64;

export const HELP = `usage: multicore bench [options]
       multicore bench --compare A.json B.json
       multicore bench --kernel FILE [--quick] [--threads LIST] [--json FILE]

Runs every strategy (JS main thread, the 'workers' backend, ProcessPoolExecutor, C++, Rust, WebAssembly
and 'auto' at 1 thread and all cores, NumPy and primesieve where installed, async I/O styles, pool dispatch, distributed jobs,
an HTTP server under autocannon) on the seeds' workloads, checks every result against the JS reference, and prints a table.

options:
  --quick             few runs on small inputs (under a minute on 2 cores; what CI runs)
  --only NAME,...     run only these workloads or groups (see the list below)
  --threads LIST      thread counts for the parallel strategies, e.g. 1,2,4 (default: 1 and all cores)
  --size SIZE         small | medium | large, or a number: the work relative to medium
                      (small = 0.125, large = 8). Default: medium, or small with --quick
  --json FILE         write the results as JSON (schemaVersion 1, see bench/README.md)
  --html FILE         write a self-contained HTML report with charts
  --redis URL         the Redis for the distributed workload (redis://, rediss:// or unix://);
                      default: a private redis-server started on a unix socket, if installed
  --no-peers          skip the NumPy and primesieve rows (--peers, the default: run them where installed;
                      NumPy through MULTICORE_PYTHON, /usr/bin/python3 or python3)
  --compare A B       compare two saved --json runs: B's median over A's for every row
  --kernel FILE       time your own kernel (defineKernel) in every available form (JS main thread,
                      workers, wasm, native) at each thread count, each checked against the JS form.
                      FILE's default export: { kernel, input(size, alloc), sizes?, quickSizes?, mode?,
                      chunkSize?, check?, exact?, compare? } (docs/guide/write-your-own-kernel.md)
  -h, --help          this text
`;

function value(argv: string[], i: number, flag: string, inline: string | undefined): [string, number] {
  if (inline !== undefined) {
    if (inline === '') throw new UsageError(`${flag} needs a value`);
    return [inline, i];
  }
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  return [v, i + 1];
}

export function parseThreads(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const out: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (p === '' || !Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
      throw new UsageError(`--threads expects a comma-separated list of integers from 1 to ${MAX_THREADS}, got '${text}'`);
    }
    if (!out.includes(n)) out.push(n);
  }
  return out.sort((a, b) => a - b);
}

export function parseSize(text: string): number {
  if (text in SIZES) return SIZES[text];
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || n > MAX_SCALE) {
    throw new UsageError(`--size expects small, medium, large or a number in (0, ${MAX_SCALE}], got '${text}'`);
  }
  return n;
}

/** `names`: the valid --only names (workloads and groups). */
export function parseArgs(argv: string[], names: readonly string[], cores: number): BenchArgs {
  const a: BenchArgs = { help: false, quick: false, only: null, threads: [], size: '', scale: 1, peers: true };
  let threadsText: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const noValue = () => { if (inline !== undefined) throw new UsageError(`${flag} takes no value`); };
    let v: string;
    switch (flag) {
      case '-h': case '--help': noValue(); a.help = true; break;
      case '--quick': noValue(); a.quick = true; break;
      case '--peers': noValue(); a.peers = true; break;
      case '--no-peers': noValue(); a.peers = false; break;
      case '--only':
        [v, i] = value(argv, i, flag, inline);
        a.only = v.split(',').map((s) => s.trim());
        for (const name of a.only) {
          if (!names.includes(name)) throw new UsageError(`--only: unknown workload '${name}' (choose from: ${names.join(', ')})`);
        }
        break;
      case '--threads': [threadsText, i] = value(argv, i, flag, inline); break;
      case '--size': [a.size, i] = value(argv, i, flag, inline); a.scale = parseSize(a.size); break;
      case '--json': [a.json, i] = value(argv, i, flag, inline); break;
      case '--html': [a.html, i] = value(argv, i, flag, inline); break;
      case '--kernel': [a.kernel, i] = value(argv, i, flag, inline); break;
      case '--redis':
        [a.redis, i] = value(argv, i, flag, inline);
        if (!/^(redis|rediss|unix|redis\+unix):\/\/./.test(a.redis)) throw new UsageError(`--redis must be a redis://, rediss:// or unix:// URL, got '${a.redis}'`);
        break;
      case '--compare': {
        if (inline !== undefined) throw new UsageError('--compare takes two files: --compare A.json B.json');
        const [x, y] = [argv[i + 1], argv[i + 2]];
        if (!x || !y || x.startsWith('--') || y.startsWith('--')) throw new UsageError('--compare takes two files: --compare A.json B.json');
        a.compare = [x, y];
        i += 2;
        break;
      }
      default:
        throw new UsageError(arg.startsWith('-') ? `unknown option '${arg}' (see multicore bench --help)` : `unexpected argument '${arg}' (see multicore bench --help)`);
    }
  }
  if (a.compare && (a.quick || a.only || threadsText || a.size || a.json || a.html || a.redis)) {
    throw new UsageError('--compare cannot be combined with options that run a bench');
  }
  if (a.kernel && (a.compare || a.only || a.html || a.redis)) {
    throw new UsageError('--kernel runs only your kernel: it takes --quick, --threads and --json');
  }
  a.threads = threadsText ? parseThreads(threadsText) : [...new Set([1, Math.min(cores, MAX_THREADS)])];
  if (!a.size) {
    a.size = a.quick ? 'small' : 'medium';
    a.scale = SIZES[a.size];
  }
  return a;
}
