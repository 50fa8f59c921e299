// Embedding in an app: a real node:http server (its own process per row) with a cheap /health and a
// CPU endpoint (a Mandelbrot tile per request). autocannon saturates the CPU endpoint while /health
// is probed at a low paced rate; the server measures its own event-loop delay. Every CPU response
// carries a checksum the bench checks against its JS reference. The idle row (/health alone) is
// the reference for the /health latencies.
import { compareExact } from '../verify.js';
import { startServerProcess, type ServerProcess } from '../server/process.js';
import { loadCpuEndpoint, probeHealth } from '../server/load.js';
import { healthFigures, type ServerStats } from '../server/stats.js';
import { tileChecksumJs, tileCount, tileParams, type TileGrid } from '../server/tiles.js';
import type { ServerStrategy } from '../server/strategies.js';
import { statsOf, type Measurement } from '../measure.js';
import { Skip, type Context, type Runner, type Strategy, type Workload } from './types.js';

interface Input {
  grid: TileGrid;
  connections: number;
  durationS: number;
  idleS: number;
  healthRate: number;
  expected: R;
}
type R = number[];
type P = Record<string, number | string>;

/** Every tile once, `lanes` requests in flight: the checksums in tile order. */
async function fetchAllTiles(port: number, tiles: number, lanes: number): Promise<R> {
  const out: R = new Array(tiles);
  let next = 0;
  const lane = async () => {
    while (next < tiles) {
      const k = next++;
      const res = await fetch(`http://127.0.0.1:${port}/tile?k=${k}`);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`GET /tile?k=${k}: HTTP ${res.status} ${body.slice(0, 200)}`);
      const [kk, sum] = body.split(' ').map(Number);
      if (kk !== k) throw new Error(`GET /tile?k=${k} answered for tile ${kk}`);
      out[k] = sum;
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, tiles) }, lane));
  return out;
}

const load = (name: string): Promise<unknown> => import(name);

/** Why a strategy cannot run on this machine, or undefined. */
async function unavailable(strategy: ServerStrategy, ctx: Context): Promise<string | undefined> {
  if (
    await load('autocannon').then(
      () => false,
      () => true,
    )
  )
    return 'autocannon is not installed (a devDependency of the bench)';
  if (strategy === 'wasm' && !ctx.backends.wasm?.available) return ctx.backends.wasm?.reason ?? 'wasm backend not built';
  if (strategy === 'piscina')
    return load('piscina').then(
      () => undefined,
      () => 'piscina is not installed (a devDependency of the bench)',
    );
  return undefined;
}

type ServerMeasurement = Measurement<R> & { server: ServerStats };

function serverRunner(srv: ServerProcess, input: Input, threads: number, idle: boolean): Runner<R> {
  const tiles = tileCount(input.grid);
  let detail: string | undefined;
  const run = async () => {
    const sums = await fetchAllTiles(srv.port, tiles, Math.max(2, threads));
    detail = await srv.detail();
    return sums;
  };
  const health = { ratePerSec: input.healthRate, durationS: input.durationS };
  return {
    run,
    async load(): Promise<ServerMeasurement> {
      if (idle) {
        await srv.startMeasuring();
        const h = await probeHealth(srv.port, health);
        const { eventLoop } = await srv.stopMeasuring();
        if (h.errors || !h.latenciesMs.length) throw new Error(`${h.errors} of ${h.sent} /health probes failed`);
        return {
          stats: statsOf(h.latenciesMs),
          eventLoop,
          last: await run(),
          server: { durationS: input.durationS, healthRatePerSec: input.healthRate, ...healthFigures(h.latenciesMs) },
        };
      }
      // The same server's /health just before the load: the reference its loaded p99 is divided by,
      // seconds apart on the same machine (the idle row is minutes away from the last rows).
      const before = await probeHealth(srv.port, { ratePerSec: input.healthRate, durationS: input.idleS });
      if (before.errors || !before.latenciesMs.length) throw new Error(`${before.errors} of ${before.sent} idle /health probes failed`);
      await srv.startMeasuring();
      const [cpu, h] = await Promise.all([
        loadCpuEndpoint(srv.port, input.expected, { connections: input.connections, durationS: input.durationS }),
        probeHealth(srv.port, health),
      ]);
      const { eventLoop, cpuMs } = await srv.stopMeasuring();
      if (cpu.mismatches) throw new Error(`${cpu.mismatches} CPU responses had a wrong checksum`);
      if (cpu.errors) throw new Error(`${cpu.errors} CPU requests failed (non-200, socket error or timeout)`);
      if (!cpu.verified) throw new Error('no CPU request completed');
      if (h.errors || !h.latenciesMs.length) throw new Error(`${h.errors} of ${h.sent} /health probes failed`);
      return {
        stats: statsOf(cpu.latenciesMs),
        eventLoop,
        last: await run(),
        server: {
          connections: input.connections,
          durationS: input.durationS,
          cpuReqPerSec: cpu.verified / cpu.durationS,
          checksumsVerified: cpu.verified,
          serverCpuMsPerRequest: cpuMs / cpu.verified,
          healthRatePerSec: input.healthRate,
          ...healthFigures(h.latenciesMs),
          healthIdleP99Ms: healthFigures(before.latenciesMs).healthP99Ms,
        },
      };
    },
    close: () => srv.close(),
    detail: () => detail,
  };
}

function strategy(
  id: string,
  label: string,
  server: ServerStrategy,
  threads: (ctx: Context) => number[],
  idle = false,
): Strategy<Input, R> {
  return {
    id,
    label,
    threads,
    async open(input, t, ctx) {
      const why = await unavailable(server, ctx);
      if (why) throw new Skip(why);
      const srv = await startServerProcess({ strategy: server, threads: t, grid: input.grid });
      return serverRunner(srv, input, t, idle);
    },
  };
}

const one = () => [1];
const all = (ctx: Context) => ctx.args.threads;

export const server: Workload<Input, R> = {
  name: 'server',
  group: 'server',
  description:
    'a node:http server in its own process: GET /tile?k= computes a Mandelbrot tile (autocannon keeps the CPU endpoint saturated) while GET /health is probed at a paced low rate; event-loop delay measured inside the server',
  params: (scale: number, ctx: Context): P => ({
    tilesPerSide: 8,
    tileSize: 64,
    maxIter: Math.max(50, Math.round(1000 * scale)),
    connections: 8,
    durationS: ctx.args.quick ? 2 : 5,
    idleS: ctx.args.quick ? 1 : 2,
    healthRatePerSec: 50,
  }),
  setup(p) {
    const grid: TileGrid = { tilesPerSide: p.tilesPerSide as number, tileSize: p.tileSize as number, maxIter: p.maxIter as number };
    // The JS reference, computed here once, untimed: the load checks every response against it.
    const expected = Array.from({ length: tileCount(grid) }, (_, k) => tileChecksumJs(tileParams(grid, k)));
    return {
      grid,
      expected,
      connections: p.connections as number,
      durationS: p.durationS as number,
      idleS: p.idleS as number,
      healthRate: p.healthRatePerSec as number,
    };
  },
  reference: async ({ expected }) => expected,
  verify: compareExact,
  strategies: [
    strategy('idle', '/health only (idle)', 'inline', one, true),
    strategy('inline', 'inline JS (event loop)', 'inline', one),
    strategy('piscina', 'piscina.run', 'piscina', all),
    strategy('thread-submit', 'ThreadPoolExecutor.submit', 'thread-submit', all),
    strategy('workers', "kernel 'workers'", 'workers', all),
    strategy('auto', "kernel 'auto'", 'auto', all),
    strategy('wasm', "kernel 'wasm'", 'wasm', all),
  ],
};
