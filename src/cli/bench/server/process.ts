// Starts ./app.js in its own process for one bench row and talks to it over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { EventLoopStats } from '../schema.js';
import type { ServerConfig, ToServer } from './app.js';

const appPath = fileURLToPath(new URL('./app.js', import.meta.url));

export interface ServerProcess {
  port: number;
  /** Restarts the server's event-loop delay histogram and CPU-time count. */
  startMeasuring(): Promise<void>;
  /** The server's event-loop delay and the CPU time its process used (all threads), since startMeasuring. */
  stopMeasuring(): Promise<{ eventLoop: EventLoopStats; cpuMs: number }>;
  /** What the server's strategy ran (the backend 'auto' chose), once it has served a tile. */
  detail(): Promise<string | undefined>;
  close(): Promise<void>;
}

type FromServer =
  | { type: 'listening'; port: number }
  | { type: 'error'; message: string }
  | { type: 'measure-start' }
  | { type: 'measure-stop'; eventLoop: EventLoopStats; cpuMs: number }
  | { type: 'detail'; detail: string | null };

/** The next message of `type` from the child; rejects if it exits first. */
function reply<T extends FromServer['type']>(
  child: ChildProcess,
  type: T,
  stderr: () => string,
): Promise<Extract<FromServer, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: FromServer) => {
      if (msg.type === 'error') done(() => reject(new Error(`server: ${msg.message}`)));
      else if (msg.type === type) done(() => resolve(msg as Extract<FromServer, { type: T }>));
    };
    const onExit = (code: number | null, signal: string | null) =>
      done(() => reject(new Error(`the server process exited (${signal ?? code}) ${stderr().trim().split('\n').slice(-3).join(' | ')}`)));
    const done = (then: () => void) => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      then();
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export async function startServerProcess(config: ServerConfig): Promise<ServerProcess> {
  const child = fork(appPath, [JSON.stringify(config)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000);
  });
  const err = () => stderr;
  const ask = async <T extends FromServer['type']>(msg: ToServer, type: T) => {
    const answer = reply(child, type, err);
    child.send(msg);
    return answer;
  };
  let port: number;
  try {
    port = (await reply(child, 'listening', err)).port;
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    port,
    startMeasuring: async () => {
      await ask({ type: 'measure-start' }, 'measure-start');
    },
    stopMeasuring: async () => {
      const { eventLoop, cpuMs } = await ask({ type: 'measure-stop' }, 'measure-stop');
      return { eventLoop, cpuMs };
    },
    detail: async () => (await ask({ type: 'detail' }, 'detail')).detail ?? undefined,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      // A server whose event loop is stuck in a tile cannot read 'close': SIGKILL after a grace period.
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      if (child.connected) child.send({ type: 'close' });
      else child.kill('SIGKILL');
      await exited;
      clearTimeout(timer);
    },
  };
}
