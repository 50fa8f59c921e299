// The Node flags a worker is started with. By default both worker_threads and child_process.fork pass
// the host's process.execArgv on, but some of those flags are about the host's own entry point and
// break a worker: `--input-type=module -e '…'` makes the worker's entry file fail to load
// (ERR_INPUT_TYPE_NOT_ALLOWED), `-e`/`-p` make a forked worker run the host's snippet instead of its
// entry, `--test*`/`--watch*`/`--inspect*` start a runner, a watcher or a second debugger. Those are
// dropped; everything else (--import, --require, --loader, --conditions, --experimental-*,
// --max-old-space-size, V8 flags…) is kept. Worker threads also refuse per-process flags given
// explicitly (ERR_WORKER_INVALID_EXEC_ARGV): threadExecArgv drops the ones Node names.

/** Flags dropped, with how many separate value tokens each takes when not written `--flag=value`. */
const DROP = new Map<string, number>([
  ['-e', 1],
  ['--eval', 1],
  ['-p', 1],
  ['--print', 1],
  ['-pe', 1],
  ['--input-type', 1],
  ['-i', 0],
  ['--interactive', 0],
  ['-c', 0],
  ['--check', 0],
  ['--test', 0],
  ['--watch', 0],
  ['--watch-path', 1],
  ['--watch-preserve-output', 0],
  ['--inspect', 0],
  ['--inspect-brk', 0],
  ['--inspect-wait', 0],
  ['--inspect-port', 1],
  ['--debug-port', 1],
  ['--inspect-publish-uid', 1],
]);
/** Prefixes of dropped flag families (the test runner's options), value taken when they need one. */
const DROP_PREFIX = ['--test-', '--experimental-test-'];
const TEST_FLAGS_WITH_VALUE = new Set([
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-concurrency',
  '--test-timeout',
  '--test-shard',
  '--test-coverage-include',
  '--test-coverage-exclude',
  '--test-coverage-branches',
  '--test-coverage-functions',
  '--test-coverage-lines',
  '--test-isolation',
]);

/** process.execArgv without the flags that concern only the host's entry point or tooling. */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let values = DROP.get(name);
    if (values === undefined && DROP_PREFIX.some((p) => name.startsWith(p))) values = TEST_FLAGS_WITH_VALUE.has(name) ? 1 : 0;
    if (values === undefined) {
      out.push(arg);
      continue;
    }
    if (eq < 0 || !arg.startsWith('--')) i += values; // skip its separate value token(s)
  }
  return out;
}

let threadArgv: string[] | null = null;

/**
 * Creates a worker thread with workerExecArgv(); if Node refuses some flags as per-process
 * (they apply to the whole process anyway), drops those it names and retries. The list that works
 * is remembered for the next worker.
 */
export function withThreadExecArgv<T>(create: (execArgv: string[]) => T): T {
  let argv = threadArgv ?? workerExecArgv();
  for (;;) {
    try {
      const made = create(argv);
      threadArgv = argv;
      return made;
    } catch (err) {
      const code = (err as { code?: string })?.code;
      if (code !== 'ERR_WORKER_INVALID_EXEC_ARGV' || argv.length === 0) throw err;
      argv = dropNamed(argv, String((err as Error).message));
    }
  }
}

/** Removes the flags an ERR_WORKER_INVALID_EXEC_ARGV message names (with a separate value token);
 *  if it names none we recognise, keeps none at all rather than loop. */
function dropNamed(argv: string[], message: string): string[] {
  const named = new Set(
    message
      .split(':')
      .slice(1)
      .join(':')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const out: string[] = [];
  let dropped = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (named.has(arg)) {
      dropped = true;
      if (!arg.includes('=') && i + 1 < argv.length && !argv[i + 1].startsWith('-')) i++;
      continue;
    }
    out.push(arg);
  }
  return dropped ? out : [];
}
