// Dispatch overhead: many tiny tasks (x => x + 1) through each pool, per task (submit/run/exec)
// and with map chunking. The figure is time per task; every result is checked.
import { startExecutor, type ExecutorKind, type ExecutorLike } from '../executors.js';
import { peers, type Peer } from '../peers/pools.js';
import { compareExact } from '../verify.js';
import { Skip, type Context, type Strategy, type Workload } from './types.js';

type Input = { items: number[] };
type R = number[];

const CHUNK = 64;
const poolThreads = (ctx: Context) => [Math.max(...ctx.args.threads)];

async function pool(kind: ExecutorKind, threads: number): Promise<ExecutorLike> {
  const p = await startExecutor(kind, threads);
  if (typeof p === 'string') throw new Skip(p);
  return p;
}

function submitEach(id: string, kind: ExecutorKind): Strategy<Input, R> {
  return {
    id,
    label: `${kind}.submit per task`,
    threads: poolThreads,
    async open({ items }, threads) {
      const p = await pool(kind, threads);
      return { run: () => Promise.all(items.map((x) => p.submit<number>('inc', x))), close: () => p.shutdown({ wait: true }) };
    },
  };
}

function mapChunked(id: string, kind: ExecutorKind): Strategy<Input, R> {
  return {
    id,
    label: `${kind}.map chunkSize ${CHUNK}`,
    threads: poolThreads,
    async open({ items }, threads) {
      const p = await pool(kind, threads);
      return {
        run: async () => {
          const out: number[] = [];
          for await (const y of p.map<number>('inc', items, { chunkSize: CHUNK })) out.push(y);
          return out;
        },
        close: () => p.shutdown({ wait: true }),
      };
    },
  };
}

function peer(pr: Peer): Strategy<Input, R> {
  return {
    id: pr.id,
    label: `${pr.label} per task`,
    threads: poolThreads,
    async open({ items }, threads) {
      let p;
      try {
        p = await pr.start(threads);
      } catch (err) {
        throw new Skip(`${pr.id} not installed (a devDependency of the bench): ${(err as Error).message.split('\n')[0]}`);
      }
      await Promise.all(Array.from({ length: threads }, (_, i) => p.run(i)));
      return { run: () => Promise.all(items.map((x) => p.run(x))), close: () => p.close() };
    },
  };
}

export const dispatch: Workload<Input, R> = {
  name: 'dispatch',
  group: 'dispatch',
  description: 'tiny tasks (x => x + 1) through each pool: the cost of sending one task and getting its result',
  params: (s, ctx) => ({ tasks: ctx.args.quick ? 1000 : Math.max(100, Math.round(10_000 * Math.min(4, s))), chunkSize: CHUNK }),
  setup: (p) => ({ items: Array.from({ length: p.tasks as number }, (_, i) => i) }),
  tasks: (p) => p.tasks as number,
  reference: async ({ items }) => items.map((x) => x + 1),
  verify: compareExact,
  strategies: [
    submitEach('thread-submit', 'ThreadPoolExecutor'),
    mapChunked('thread-map', 'ThreadPoolExecutor'),
    submitEach('process-submit', 'ProcessPoolExecutor'),
    mapChunked('process-map', 'ProcessPoolExecutor'),
    ...peers.map(peer),
  ],
};
