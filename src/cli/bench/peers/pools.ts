// piscina, tinypool and workerpool behind one shape, for the dispatch benchmark. They are
// devDependencies: loaded dynamically, and a missing one skips its row with a note.
import { fileURLToPath } from 'node:url';

export interface PeerPool {
  run(x: number): Promise<number>;
  close(): Promise<void>;
}

const incWorker = fileURLToPath(new URL('./inc-worker.js', import.meta.url));
const workerpoolWorker = fileURLToPath(new URL('./workerpool-worker.js', import.meta.url));

// Computed specifiers: the library compiles without the bench's devDependencies.
const load = (name: string): Promise<any> => import(name);

export interface Peer {
  id: string;
  label: string;
  start(threads: number): Promise<PeerPool>;
}

export const peers: Peer[] = [
  {
    id: 'piscina',
    label: 'piscina.run',
    async start(threads) {
      const { Piscina } = await load('piscina');
      const pool = new Piscina({ filename: incWorker, minThreads: threads, maxThreads: threads });
      return { run: (x) => pool.run(x), close: () => pool.destroy() };
    },
  },
  {
    id: 'tinypool',
    label: 'tinypool.run',
    async start(threads) {
      const { Tinypool } = await load('tinypool');
      const pool = new Tinypool({ filename: incWorker, minThreads: threads, maxThreads: threads });
      return { run: (x) => pool.run(x), close: () => pool.destroy() };
    },
  },
  {
    id: 'workerpool',
    label: 'workerpool.exec',
    async start(threads) {
      const workerpool = (await load('workerpool')).default;
      const pool = workerpool.pool(workerpoolWorker, { minWorkers: threads, maxWorkers: threads, workerType: 'thread' });
      return {
        run: (x) => pool.exec('inc', [x]),
        close: async () => {
          await pool.terminate();
        },
      };
    },
  },
];
