// A worker handle over worker_threads. Exit codes come from the 'exit' event; an uncaught error or
// ERR_WORKER_OUT_OF_MEMORY (resourceLimits) arrives first as 'error' and becomes the crash's cause.
// A clean end (idle, shutdown) is asked for with CLOSE and awaited, not forced with terminate():
// a thread's stdout reaches the parent asynchronously, and terminate() drops what is still on its way.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { withThreadExecArgv } from './exec-argv.js';
import { CLOSE, CLOSE_GRACE_MS, CTL_BYTES, type WorkerEvents, type WorkerFactory, type WorkerHandle } from './protocol.js';

const entry = new URL('./worker-entry.js', import.meta.url);

export function threadWorkerFactory(resourceLimits: ResourceLimits | undefined): WorkerFactory {
  return (events: WorkerEvents): WorkerHandle => {
    const ctl = new Int32Array(new SharedArrayBuffer(CTL_BYTES));
    const worker = withThreadExecArgv((execArgv) => new Worker(entry, { resourceLimits, execArgv, workerData: { ctl: ctl.buffer } }));
    let error: unknown;
    let fallback: NodeJS.Timeout | null = null;
    worker.on('message', (msg) => events.message(msg));
    worker.on('error', (err) => {
      error = err;
    });
    worker.on('exit', (code) => {
      if (fallback) {
        clearTimeout(fallback);
        fallback = null;
      }
      events.exit({ exitCode: code, signal: null, error });
    });
    const kill = (): void => {
      void worker.terminate();
    };
    return {
      id: worker.threadId,
      kind: 'thread',
      ctl,
      post: (msg, transfer) => worker.postMessage(msg, transfer ?? undefined),
      terminate: (mode) => {
        if (mode !== 'close') return kill();
        if (fallback) return;
        try {
          worker.postMessage([CLOSE]);
        } catch {
          return kill();
        }
        fallback = setTimeout(kill, CLOSE_GRACE_MS);
        fallback.unref(); // the worker itself keeps the process alive while it runs
      },
      ref: () => worker.ref(),
      unref: () => worker.unref(),
    };
  };
}
