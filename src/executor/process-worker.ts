// A worker handle over child_process.fork with advanced (structured clone) serialization.
// 'close' (not 'exit') reports the end: it comes after every IPC message has been read.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerEvents, WorkerFactory, WorkerHandle } from './protocol.js';

const entry = fileURLToPath(new URL('./worker-entry.js', import.meta.url));

export function processWorkerFactory(): WorkerFactory {
  return (events: WorkerEvents): WorkerHandle => {
    const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let error: unknown;
    child.on('message', (msg) => events.message(msg as any[]));
    child.on('error', (err) => { error ??= err; });
    child.on('close', (code, signal) => events.exit({ exitCode: code, signal, error }));
    const ignore = (): void => {};
    return {
      id: child.pid ?? -1,
      kind: 'process',
      ctl: null,
      post: (msg) => { child.send(msg, ignore); },
      terminate: (hard) => {
        if (hard || !child.connected) child.kill('SIGKILL');
        else child.disconnect();
      },
      ref: () => { child.ref(); child.channel?.ref(); },
      unref: () => { child.unref(); child.channel?.unref(); },
    };
  };
}
