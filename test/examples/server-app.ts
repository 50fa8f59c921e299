// Starts examples/server/app.mjs as a reader would (a child process, any free port) and gives the
// tests its port, its log lines, its /health and raw requests they can cut off mid-way.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { root } from './run-example.js';

export interface Health {
  status: string;
  executor: {
    workers: number;
    busyWorkers: number;
    queued: number;
    inFlight: number;
    maxQueue: number;
    completed: number;
    cancelled: number;
    rejected: number;
    crashedWorkers: number;
  };
  requests: { served: number; shed: number; cancelled: number; failed: number; inFlight: number };
  kernelsRunning: number;
  abortedKernels: number;
}

export interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface App {
  child: ChildProcess;
  port: number;
  /** Every line the app printed so far. */
  lines: string[];
  health(): Promise<Health>;
  /** Polls /health until `ok` holds (the test's own timeout bounds the wait). */
  healthUntil(ok: (h: Health) => boolean): Promise<Health>;
  /** GET path; `request` can be destroyed to disconnect mid-request. */
  request(path: string): { request: ClientRequest; reply: Promise<Reply> };
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Output so far, for assertion messages. */
  output(): string;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startApp(env: Record<string, string>): Promise<App> {
  const child = spawn(process.execPath, [join(root, 'examples/server/app.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      partial += d;
      const parts = partial.split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const m = /listening on http:\/\/[\d.]+:(\d+)/.exec(line);
        if (m) resolve(Number(m[1]));
      }
    });
    void exited.then(([code]) => reject(new Error(`the app exited (${code}) before listening:\n${stderr}`)));
  });
  const request = (path: string) => {
    let request!: ClientRequest;
    const reply = new Promise<Reply>((resolve, reject) => {
      request = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      request.on('error', reject);
    });
    return { request, reply };
  };
  const health = async (): Promise<Health> => JSON.parse((await request('/health').reply).body.toString());
  return {
    child,
    port,
    lines,
    health,
    request,
    async healthUntil(ok) {
      for (;;) {
        const h = await health();
        if (ok(h)) return h;
        await pause(20);
      }
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code, sig] = await exited;
      return { code, signal: sig };
    },
    output: () => `--- stdout\n${lines.join('\n')}\n--- stderr\n${stderr}`,
  };
}

/** A tile that keeps one worker busy for a long time (most of it inside the set, at a huge maxIter). */
export const LONG_TILE = '/tile?zoom=2&x=2&y=1&size=64&maxIter=50000000';
