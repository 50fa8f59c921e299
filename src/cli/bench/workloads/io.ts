// I/O-bound: Python's classic download_file. N resources from a loopback HTTP server with a per-request
// delay, fetched five ways; the bodies are checked against what the server was told to send.
import { startExecutor, type ExecutorKind } from '../executors.js';
import { fetchText } from '../tasks.js';
import { compareExact } from '../verify.js';
import { fileBody, startFileServer, type FileServer } from '../http-server.js';
import { Skip, type Context, type Strategy, type Workload } from './types.js';

interface Input {
  server: FileServer;
  urls: string[];
  limit: number;
}
type R = string[];

/** Runs fn over items with at most `limit` in flight, results in input order. */
export async function mapBounded<T, U>(items: T[], limit: number, fn: (t: T) => Promise<U>): Promise<U[]> {
  const out = new Array<U>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** Python's default ThreadPoolExecutor size for I/O: min(32, cores + 4), and no more than the files. */
const poolSize = (ctx: Context, files: number) => Math.min(32, ctx.cores + 4, files);

function pooled(id: string, kind: ExecutorKind): Strategy<Input, R> {
  return {
    id,
    label: `${kind}.submit`,
    threads: (ctx, p) => [poolSize(ctx, p.files as number)],
    async open({ urls }, threads) {
      const pool = await startExecutor(kind, threads);
      if (typeof pool === 'string') throw new Skip(pool);
      return {
        run: () => Promise.all(urls.map((u) => pool.submit<string>('fetchText', u))),
        close: () => pool.shutdown({ wait: true }),
      };
    },
  };
}

const FILES = (scale: number, quick: boolean) => (quick ? 12 : Math.max(4, Math.round(32 * Math.min(4, scale))));
const DELAY_MS = (quick: boolean) => (quick ? 30 : 50);
const BYTES = 16 * 1024;
const LIMIT = 4;

const one = () => [1];

export const downloadFile: Workload<Input, R> = {
  name: 'download_file',
  group: 'io',
  description: `Python's classic download_file: fetch N files from a loopback HTTP server that waits before answering each; ${LIMIT} in flight for the bounded map`,
  baseline: 'sequential',
  params: (s, ctx) => ({ files: FILES(s, ctx.args.quick), delayMs: DELAY_MS(ctx.args.quick), bytes: BYTES, limit: LIMIT }),
  async setup(p) {
    const server = await startFileServer(p.delayMs as number, BYTES);
    return { server, urls: Array.from({ length: p.files as number }, (_, i) => server.url(i)), limit: p.limit as number };
  },
  teardown: ({ server }) => server.close(),
  reference: async ({ urls }) => urls.map((_, i) => fileBody(i, BYTES)),
  verify: compareExact,
  strategies: [
    {
      id: 'sequential',
      label: 'sequential await',
      threads: one,
      open: async ({ urls }) => ({
        run: async () => {
          const out: string[] = [];
          for (const u of urls) out.push(await fetchText(u));
          return out;
        },
      }),
    },
    { id: 'promise-all', label: 'Promise.all', threads: one, open: async ({ urls }) => ({ run: () => Promise.all(urls.map(fetchText)) }) },
    {
      id: 'bounded',
      label: `async map, ${LIMIT} in flight`,
      threads: one,
      open: async ({ urls, limit }) => ({ run: () => mapBounded(urls, limit, fetchText) }),
    },
    pooled('thread-pool', 'ThreadPoolExecutor'),
    pooled('process-pool', 'ProcessPoolExecutor'),
  ],
};
