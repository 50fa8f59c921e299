// The load a server row runs under: autocannon saturating the CPU endpoint, and beside it a paced
// probe of /health (one request every 1000/rate ms, sent whether or not earlier ones came back, so
// a server that stops answering is charged for every probe it keeps waiting).
import { Agent, get } from 'node:http';

// A computed specifier: autocannon is a devDependency of the bench, not of the library.
const load = (name: string): Promise<any> => import(name);

export interface CpuLoad {
  /** Responses with status 200 and the right checksum. */
  verified: number;
  /** Responses with status 200 and a wrong checksum. */
  mismatches: number;
  /** Non-200 responses, socket errors and timeouts. */
  errors: number;
  /** Latency of every 200 response, ms. */
  latenciesMs: number[];
  durationS: number;
}

/**
 * `connections` clients, each sending its next request when the last one is answered, for
 * `durationS`. Requests cycle over the tiles; each 200 body is "k checksum", checked against `expected[k]`.
 */
export async function loadCpuEndpoint(
  port: number,
  expected: readonly number[],
  o: { connections: number; durationS: number },
): Promise<CpuLoad> {
  const autocannon = (await load('autocannon')).default;
  const r: CpuLoad = { verified: 0, mismatches: 0, errors: 0, latenciesMs: [], durationS: o.durationS };
  let next = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: o.connections,
    duration: o.durationS,
    timeout: 30,
    requests: [
      {
        method: 'GET',
        setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `/tile?k=${next++ % expected.length}` }),
        onResponse: (status: number, body: string) => {
          if (status !== 200) return;
          const [k, sum] = body.split(' ').map(Number);
          if (expected[k] === sum) r.verified++;
          else r.mismatches++;
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status === 200) r.latenciesMs.push(ms);
  });
  const result = await instance;
  r.errors = result.errors + result.timeouts + result.non2xx;
  return r;
}

export interface HealthProbe {
  sent: number;
  /** Latency of every answered probe, ms. */
  latenciesMs: number[];
  errors: number;
}

/** GET /health every 1000/ratePerSec ms for durationS, then waits for the probes still out. */
export async function probeHealth(port: number, o: { ratePerSec: number; durationS: number }): Promise<HealthProbe> {
  const agent = new Agent({ keepAlive: true });
  const r: HealthProbe = { sent: 0, latenciesMs: [], errors: 0 };
  const pending: Promise<void>[] = [];
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = get({ host: '127.0.0.1', port, path: '/health', agent, timeout: 30_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) r.latenciesMs.push(performance.now() - t0);
          else r.errors++;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        r.errors++;
        resolve();
      });
    });
  const total = Math.max(1, Math.round(o.ratePerSec * o.durationS));
  const interval = 1000 / o.ratePerSec;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      // Catch up on probes a late timer missed, so the rate holds even when this process is busy.
      while (r.sent < total && performance.now() - start >= r.sent * interval) {
        r.sent++;
        pending.push(one());
      }
      if (r.sent >= total) resolve();
      else setTimeout(tick, Math.max(0, start + r.sent * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  return r;
}
