// Command-line arguments of `multicore bench`. Every mistake is a UsageError (exit code 2).
import { parseArgs as parseNodeArgs } from 'node:util';
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

/**
 * Every option of `multicore bench`, in the order --help lists them: its node:util parseArgs type,
 * the value's name in the help (string options) and the help text (`\n` continues on the next line).
 * To add a flag: an entry here, a field in BenchArgs, and a line in parseArgs() below that fills it in.
 */
const OPTIONS = {
  quick: { type: 'boolean', help: 'few runs on small inputs (under a minute on 2 cores; what CI runs)' },
  only: { type: 'string', value: 'NAME,...', help: 'run only these workloads or groups (see the list below)' },
  threads: { type: 'string', value: 'LIST', help: 'thread counts for the parallel strategies, e.g. 1,2,4 (default: 1 and all cores)' },
  size: {
    type: 'string',
    value: 'SIZE',
    help: 'small | medium | large, or a number: the work relative to medium\n(small = 0.125, large = 8). Default: medium, or small with --quick',
  },
  json: {
    type: 'string',
    value: 'FILE',
    help: 'write the results as JSON (schemaVersion 1, see bench/README.md);\n`--json -` writes it to stdout and everything else to stderr',
  },
  html: { type: 'string', value: 'FILE', help: 'write a self-contained HTML report with charts' },
  redis: {
    type: 'string',
    value: 'URL',
    help: 'the Redis for the distributed workload (redis://, rediss:// or unix://);\ndefault: a private redis-server started on a unix socket, if installed',
  },
  peers: {
    type: 'boolean',
    help: 'run the NumPy and primesieve rows where installed (the default;\nNumPy through MULTICORE_PYTHON, /usr/bin/python3 or python3)',
  },
  'no-peers': { type: 'boolean', help: 'skip the NumPy and primesieve rows' },
  compare: { type: 'string', value: 'A B', help: "compare two saved --json runs: B's median over A's for every row" },
  kernel: {
    type: 'string',
    value: 'FILE',
    help: "time your own kernel (defineKernel) in every available form (JS main thread,\nworkers, wasm, native) at each thread count, each checked against the JS form.\nFILE's default export: { kernel, input(size, alloc), sizes?, quickSizes?, mode?,\nchunkSize?, check?, exact?, compare? } (docs/guide/write-your-own-kernel.md)",
  },
  help: { type: 'boolean', short: 'h', help: 'this text' },
} as const satisfies Record<string, { type: 'boolean' | 'string'; short?: string; value?: string; help: string }>;

type OptionName = keyof typeof OPTIONS;

function optionHelp(): string {
  const lines: string[] = [];
  for (const [name, o] of Object.entries(OPTIONS) as [OptionName, (typeof OPTIONS)[OptionName]][]) {
    const flag = `${'short' in o ? `-${o.short}, ` : ''}--${name}${'value' in o ? ` ${o.value}` : ''}`;
    const [first, ...more] = o.help.split('\n');
    lines.push(`  ${flag.padEnd(20)}${first}`, ...more.map((l) => `${' '.repeat(22)}${l}`));
  }
  return lines.join('\n');
}

export const HELP = `usage: multicore bench [options]
       multicore bench --compare A.json B.json
       multicore bench --kernel FILE [--quick] [--threads LIST] [--json FILE]

Runs every strategy (JS main thread, the 'workers' backend, ProcessPoolExecutor, C++, Rust, WebAssembly
and 'auto' at 1 thread and all cores, NumPy and primesieve where installed, async I/O styles, pool
dispatch, distributed jobs, an HTTP server under autocannon) on a set of CPU, I/O, dispatch, distributed and
server workloads, checks every result against the JS reference, and prints a table.

options:
${optionHelp()}
`;

/** node:util parseArgs's own errors, in this command's words. */
function usageError(err: unknown): never {
  const e = err as { code?: string; message?: string };
  const msg = e.message ?? String(err);
  const flag = /Option '(?:-\w, )?(--[\w-]+)/.exec(msg)?.[1] ?? /'(-[^']*)'/.exec(msg)?.[1] ?? '?';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option '${flag}' (see multicore bench --help)`);
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    throw new UsageError(/does not take an argument/.test(msg) ? `${flag} takes no value` : `${flag} needs a value`);
  }
  throw err;
}

/** `--size -1`, `--json -`: a value may start with one dash (only `--x` reads as the next option). */
function joinDashValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') && !argv[i].includes('=') ? argv[i].slice(2) : undefined;
    const next = argv[i + 1];
    const takesValue = name !== undefined && Object.hasOwn(OPTIONS, name) && OPTIONS[name as OptionName].type === 'string';
    if (takesValue && next?.startsWith('-') && !next.startsWith('--')) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
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
  let parsed;
  try {
    parsed = parseNodeArgs({ args: joinDashValues(argv), options: OPTIONS, allowPositionals: true, tokens: true });
  } catch (err) {
    usageError(err);
  }
  const { values: v, tokens } = parsed;
  for (const t of tokens) {
    if (t.kind === 'option' && t.value === '') throw new UsageError(`${t.rawName} needs a value`);
  }
  const a: BenchArgs = {
    help: v.help === true,
    quick: v.quick === true,
    only: null,
    threads: [],
    size: v.size ?? '',
    scale: 1,
    peers: true,
  };
  // --peers / --no-peers: the last one given wins.
  for (const t of tokens) if (t.kind === 'option' && (t.name === 'peers' || t.name === 'no-peers')) a.peers = t.name === 'peers';
  if (v.only !== undefined) {
    a.only = v.only.split(',').map((s) => s.trim());
    for (const name of a.only) {
      if (!names.includes(name)) throw new UsageError(`--only: unknown workload '${name}' (choose from: ${names.join(', ')})`);
    }
  }
  if (v.size !== undefined) a.scale = parseSize(v.size);
  a.json = v.json;
  a.kernel = v.kernel;
  a.html = v.html;
  if (v.redis !== undefined) {
    if (!/^(redis|rediss|unix|redis\+unix):\/\/./.test(v.redis))
      throw new UsageError(`--redis must be a redis://, rediss:// or unix:// URL, got '${v.redis}'`);
    a.redis = v.redis;
  }
  // --compare A B: parseArgs reads A as its value; B must be the positional right after it (not --compare=A B).
  // Any other positional is a mistake.
  const at = tokens.findIndex((t) => t.kind === 'option' && t.name === 'compare');
  for (const [i, t] of tokens.entries()) {
    if (t.kind !== 'positional') continue;
    const compareOption = at >= 0 && i === at + 1 ? tokens[at] : undefined;
    if (compareOption === undefined) throw new UsageError(`unexpected argument '${t.value}' (see multicore bench --help)`);
    if (compareOption.kind === 'option' && !compareOption.inlineValue) a.compare = [v.compare!, t.value];
  }
  if (at >= 0 && !a.compare) throw new UsageError('--compare takes two files: --compare A.json B.json');
  if (a.compare && (a.quick || a.only || v.threads || a.size || a.json || a.html || a.redis)) {
    throw new UsageError('--compare cannot be combined with options that run a bench');
  }
  if (a.kernel && (a.compare || a.only || a.html || a.redis)) {
    throw new UsageError('--kernel runs only your kernel: it takes --quick, --threads and --json');
  }
  a.threads = v.threads ? parseThreads(v.threads) : [...new Set([1, Math.min(cores, MAX_THREADS)])];
  if (!a.size) {
    a.size = a.quick ? 'small' : 'medium';
    a.scale = SIZES[a.size];
  }
  return a;
}
