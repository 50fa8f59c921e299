// `multicore worker`: serve a DistributedExecutor queue. Runs jobs in a local thread or process pool; only the
// exports of the --tasks modules may run. SIGTERM/SIGINT: finish the running jobs, close, exit 0; a second
// signal stops at once (exit 1) and leaves the running jobs to stalled-job recovery on other workers.
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

const HELP = `usage: multicore worker --connection URL --tasks FILE [--tasks FILE ...] [options]

Takes jobs from a DistributedExecutor queue (BullMQ on Redis) and runs them in a local pool.

  --connection URL         redis://host:port[/db], rediss://..., or unix:///path/to/redis.sock
  --queue NAME             queue name (default: multicore)
  --tasks FILE             ES module whose exported functions jobs may run (repeatable)
  --concurrency N          jobs at once, and the local pool's size (default: number of cores)
  --mode thread|process    run jobs in worker threads (default) or child processes
  --lock-duration MS       job lock, renewed at half this period (default 30000)
  --stalled-interval MS    how often to look for jobs whose worker died (default 30000)
  --max-stalled-count N    recoveries of one job before it fails (default 1)
  --prefix P               BullMQ key prefix (default: bull)
  --name NAME              worker name recorded on jobs (processedBy)
  --connect-timeout MS     give up (exit 1) if Redis cannot be reached at start within MS (default 10000);
                           a refused password exits at once
  --quiet                  no log lines
  -h, --help               this text`;

function positive(v: string | undefined, flag: string, min = 1): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}, got '${v}'`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        connection: { type: 'string' },
        queue: { type: 'string' },
        tasks: { type: 'string', multiple: true },
        concurrency: { type: 'string' },
        mode: { type: 'string' },
        'lock-duration': { type: 'string' },
        'stalled-interval': { type: 'string' },
        'max-stalled-count': { type: 'string' },
        prefix: { type: 'string' },
        name: { type: 'string' },
        'connect-timeout': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.connection) throw new UsageError(`--connection is required\n\n${HELP}`);
  if (!values.tasks?.length) throw new UsageError(`at least one --tasks module is required\n\n${HELP}`);
  const mode = values.mode ?? 'thread';
  if (mode !== 'thread' && mode !== 'process') throw new UsageError(`--mode must be 'thread' or 'process', got '${mode}'`);
  const concurrency = positive(values.concurrency, '--concurrency');
  const lockDuration = positive(values['lock-duration'], '--lock-duration');
  const stalledInterval = positive(values['stalled-interval'], '--stalled-interval');
  const maxStalledCount = positive(values['max-stalled-count'], '--max-stalled-count', 0);
  const connectTimeoutMs = positive(values['connect-timeout'], '--connect-timeout');
  if (values.queue !== undefined && (values.queue === '' || values.queue.includes(':')))
    throw new UsageError(`--queue must be a non-empty name without ':'`);
  if (!/^(redis|rediss|unix|redis\+unix):\/\//.test(values.connection)) {
    throw new UsageError(`--connection must be a redis://, rediss:// or unix:// URL, got '${values.connection}'`);
  }

  const log = values.quiet ? () => {} : (line: string) => console.error(`[multicore worker ${process.pid}] ${line}`);
  const { DistributedWorker } = await import('../distributed/worker.js');
  const { RedisConnectionError, TaskModuleError } = await import('../distributed/errors.js');
  let worker: Awaited<ReturnType<typeof DistributedWorker.start>>;
  try {
    worker = await DistributedWorker.start({
      connection: values.connection,
      tasks: values.tasks,
      mode,
      log,
      ...(values.queue !== undefined ? { queue: values.queue } : {}),
      ...(values.prefix !== undefined ? { prefix: values.prefix } : {}),
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(lockDuration !== undefined ? { lockDuration } : {}),
      ...(stalledInterval !== undefined ? { stalledInterval } : {}),
      ...(maxStalledCount !== undefined ? { maxStalledCount } : {}),
      ...(connectTimeoutMs !== undefined ? { connectTimeoutMs } : {}),
    });
  } catch (err) {
    // Expected failures are one line, not a stack trace.
    if (err instanceof TaskModuleError) throw new UsageError(`--tasks: ${err.message}`);
    if (err instanceof RedisConnectionError) {
      console.error(`[multicore worker ${process.pid}] ${err.message}; exiting`);
      return 1;
    }
    throw err;
  }
  log(`ready: ${worker.description}`);

  return new Promise<number>((resolve) => {
    let signals = 0;
    const onSignal = (sig: NodeJS.Signals) => {
      signals++;
      if (signals === 1) {
        log(`${sig}: finishing ${worker.activeCount} running job(s), then exiting (send again to stop now)`);
        worker.close().then(
          () => {
            cleanup();
            log('stopped');
            resolve(0);
          },
          (err) => {
            cleanup();
            log(`close failed: ${err?.message ?? err}`);
            resolve(1);
          },
        );
      } else {
        log(`${sig} again: stopping now; running jobs will be recovered by other workers`);
        void worker.close({ force: true });
        cleanup();
        // Whatever still holds the event loop (a task that ignores its signal) must not keep us alive.
        setTimeout(() => process.exit(1), 1000).unref();
        resolve(1);
      }
    };
    const cleanup = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
