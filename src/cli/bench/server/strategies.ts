// How the server process computes a tile, one way per bench row. Every way answers the same
// checksum; they differ in where the work runs and what it costs the event loop.
import { fileURLToPath } from 'node:url';
import { mandelbrot } from '../../../kernels/mandelbrot.js';
import { lastAutoLabel } from '../../../kernels/auto.js';
import { startExecutor } from '../executors.js';
import { checksum, tileChecksumJs } from './tiles.js';
import type { MandelbrotParams } from '../../../kernels/reference.js';

export const SERVER_STRATEGIES = ['inline', 'piscina', 'thread-submit', 'workers', 'auto', 'wasm'] as const;
export type ServerStrategy = (typeof SERVER_STRATEGIES)[number];

export interface TileComputer {
  tile(p: MandelbrotParams): Promise<number>;
  close(): Promise<void>;
  /** What ran, where the strategy chooses (the backend 'auto' picked). */
  detail?(): string | undefined;
}

const tileWorker = fileURLToPath(new URL('./tile-worker.js', import.meta.url));
const load = (name: string): Promise<any> => import(name);

export async function openStrategy(strategy: ServerStrategy, threads: number): Promise<TileComputer> {
  switch (strategy) {
    case 'inline':
      // On the event loop: nothing else (not even /health) runs until the tile is done.
      return { tile: async (p) => tileChecksumJs(p), close: async () => {} };
    case 'piscina': {
      const { Piscina } = await load('piscina');
      const pool = new Piscina({ filename: tileWorker, minThreads: threads, maxThreads: threads });
      return { tile: (p) => pool.run(p), close: () => pool.destroy() };
    }
    case 'thread-submit': {
      const pool = await startExecutor('ThreadPoolExecutor', threads);
      if (typeof pool === 'string') throw new Error(pool);
      return { tile: async (p) => pool.submit<number>('serverTile', p), close: () => pool.shutdown({ wait: true }) };
    }
    case 'workers':
    case 'auto':
    case 'wasm':
      // The kernel splits each tile over `threads` threads; only the checksum runs on the event loop.
      return {
        tile: async (p) => checksum(await mandelbrot(p, { backend: strategy, threads })),
        close: async () => {},
        detail: () => (strategy === 'auto' ? lastAutoLabel('mandelbrot') : undefined),
      };
  }
}
