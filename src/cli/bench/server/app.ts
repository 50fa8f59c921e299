// The server workload's HTTP server, one process per bench row (started by ./process.ts):
//   GET /health      cheap: answers at once (the latency the bench probes while the CPU endpoint is loaded)
//   GET /tile?k=K    tile K of the grid, computed by this process's strategy; answers "K checksum"
// Over IPC it reports its port, and around each load its own event-loop delay (perf_hooks) and the CPU time
// it used (process.cpuUsage(): every thread of the process, so the pools' workers too).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoopMonitor } from '../loop-monitor.js';
import { openStrategy, type ServerStrategy, type TileComputer } from './strategies.js';
import { tileCount, tileParams, type TileGrid } from './tiles.js';

export interface ServerConfig {
  strategy: ServerStrategy;
  threads: number;
  grid: TileGrid;
}
export type ToServer = { type: 'measure-start' } | { type: 'measure-stop' } | { type: 'detail' } | { type: 'close' };

const send = (msg: unknown) => new Promise<void>((resolve) => process.send!(msg, () => resolve()));
const config = JSON.parse(process.argv[2]) as ServerConfig;
const tiles = tileCount(config.grid);
let computer: TileComputer;
try {
  computer = await openStrategy(config.strategy, config.threads);
} catch (err) {
  await send({ type: 'error', message: (err as Error).message });
  process.exit(1);
}
const monitor = new LoopMonitor();
monitor.start();
let cpuAtStart = process.cpuUsage();

let answered = 0;
const server = createServer((req, res) => {
  const url = req.url ?? '';
  if (url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"ok":true,"tilesAnswered":${answered}}`);
    return;
  }
  const m = /^\/tile\?k=(\d+)$/.exec(url);
  const k = m ? Number(m[1]) : -1;
  if (k < 0 || k >= tiles) {
    res.writeHead(404).end();
    return;
  }
  computer.tile(tileParams(config.grid, k)).then(
    (sum) => {
      answered++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${k} ${sum}`);
    },
    (err: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message);
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => void send({ type: 'listening', port: (server.address() as AddressInfo).port }));

process.on('message', async (msg: ToServer) => {
  if (msg.type === 'measure-start') {
    monitor.start();
    cpuAtStart = process.cpuUsage();
    await send({ type: 'measure-start' });
  } else if (msg.type === 'measure-stop') {
    const cpu = process.cpuUsage(cpuAtStart);
    await send({ type: 'measure-stop', eventLoop: monitor.stop(), cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (msg.type === 'detail') {
    await send({ type: 'detail', detail: computer.detail?.() ?? null });
  } else if (msg.type === 'close') {
    server.closeAllConnections();
    server.close();
    await computer.close().catch(() => {});
    process.exit(0);
  }
});
// The bench went away: so does its server.
process.on('disconnect', () => process.exit(0));
