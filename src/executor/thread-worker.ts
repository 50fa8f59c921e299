// A worker handle over worker_threads. Exit codes come from the 'exit' event; an uncaught error or
// ERR_WORKER_OUT_OF_MEMORY (resourceLimits) arrives first as 'error' and becomes the crash's cause.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { WorkerEvents, WorkerFactory, WorkerHandle } from './protocol.js';

const entry = new URL('./worker-entry.js', import.meta.url);

export function threadWorkerFactory(resourceLimits: ResourceLimits | undefined): WorkerFactory {
  return (events: WorkerEvents): WorkerHandle => {
    const ctl = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(entry, { resourceLimits, workerData: { ctl: ctl.buffer } });
    let error: unknown;
    worker.on('message', (msg) => events.message(msg));
    worker.on('error', (err) => { error = err; });
    worker.on('exit', (code) => events.exit({ exitCode: code, signal: null, error }));
    return {
      id: worker.threadId,
      kind: 'thread',
      ctl,
      post: (msg, transfer) => worker.postMessage(msg, transfer ?? undefined),
      terminate: () => { void worker.terminate(); },
      ref: () => worker.ref(),
      unref: () => worker.unref(),
    };
  };
}
