// Test helpers: run a fixture worker with shared primitives, and never hang.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { encodeShared, transferablesOf } from '@multicore-js/multicore/sync';

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/sync/${name}`, import.meta.url));

const live = new Set<Worker>();

export interface Running<T> {
  worker: Worker;
  result: Promise<T>;
}

/**
 * Starts fixtures/sync/<name> with `data` passed through encodeShared (the fixture decodes it).
 * `result` resolves with the fixture's first message; it rejects if the worker errors, exits
 * without a message, or runs past `timeoutMs` (then the worker is terminated).
 */
export function startWorker<T = unknown>(name: string, data: unknown, timeoutMs = 60_000): Running<T> {
  const encoded = encodeShared(data);
  const worker = new Worker(fixture(name), { workerData: encoded, transferList: transferablesOf(encoded) });
  live.add(worker);
  const result = new Promise<T>((resolve, reject) => {
    let got = false;
    const timer = setTimeout(() => {
      reject(new Error(`${name}: no result within ${timeoutMs} ms (deadlock?)`));
      void worker.terminate();
    }, timeoutMs);
    worker.once('message', (m) => {
      got = true;
      clearTimeout(timer);
      resolve(m as T);
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    worker.once('exit', (code) => {
      live.delete(worker);
      clearTimeout(timer);
      if (!got) reject(new Error(`${name}: exited with code ${code} before posting a result`));
    });
  });
  return { worker, result };
}

export function runWorker<T = unknown>(name: string, data: unknown, timeoutMs?: number): Promise<T> {
  return startWorker<T>(name, data, timeoutMs).result;
}

/** Terminates every worker still running (use in after()/afterEach so a failed test cannot hang the file). */
export async function terminateAll(): Promise<void> {
  await Promise.all([...live].map((w) => w.terminate()));
  live.clear();
}

/** Rejects if `p` does not settle within `ms` (a hang fails instead of blocking the runner). */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: did not settle within ${ms} ms`)), ms);
    }),
  ]);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
