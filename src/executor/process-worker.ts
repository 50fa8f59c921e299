// A worker handle over child_process.fork with advanced (structured clone) serialization.
// The end is reported once the process has exited and its IPC channel closed (so every message it
// sent has been read); 'close' cannot be used: it does not come after a parent-side disconnect().
// A clean end is a disconnect(): the worker then exits once its output is written (a kill after
// CLOSE_GRACE_MS if it does not).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { removeOrphanSegments } from '../sync/memory.js';
import { workerExecArgv } from './exec-argv.js';
import { CLOSE_GRACE_MS, type WorkerEvents, type WorkerFactory, type WorkerHandle } from './protocol.js';

const entry = fileURLToPath(new URL('./worker-entry.js', import.meta.url));

export function processWorkerFactory(): WorkerFactory {
  return (events: WorkerEvents): WorkerHandle => {
    const child = fork(entry, [], {
      execArgv: workerExecArgv(),
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let error: unknown;
    child.on('message', (msg) => events.message(msg as any[]));
    child.on('error', (err) => {
      error ??= err;
    });
    let exited: { exitCode: number | null; signal: string | null } | null = null;
    let reported = false;
    let fallback: NodeJS.Timeout | null = null;
    const report = (): void => {
      if (reported || !exited) return;
      reported = true;
      if (fallback) clearTimeout(fallback);
      events.exit({ ...exited, error });
    };
    child.on('exit', (exitCode, signal) => {
      exited = { exitCode, signal };
      // A worker that crashed could not unlink the shared memory it created: do it for it.
      if ((signal !== null || exitCode !== 0) && child.pid !== undefined) removeOrphanSegments(child.pid);
      if (!child.connected) report();
      else setTimeout(report, 1000).unref(); // the channel should close at once; do not wait forever
    });
    child.on('disconnect', report);
    const ignore = (): void => {};
    return {
      id: child.pid ?? -1,
      kind: 'process',
      ctl: null,
      post: (msg) => {
        child.send(msg, ignore);
      },
      terminate: (mode) => {
        if (mode === 'terminate') return void child.kill('SIGTERM');
        if (mode === 'kill' || !child.connected) return void child.kill('SIGKILL');
        // the worker exits once its stdout and stderr are written out (see worker-entry.ts)
        child.disconnect();
        fallback = setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, CLOSE_GRACE_MS);
        fallback.unref();
      },
      ref: () => {
        child.ref();
        child.channel?.ref();
      },
      unref: () => {
        child.unref();
        child.channel?.unref();
      },
    };
  };
}
