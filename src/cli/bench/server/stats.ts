// What a server row reports beyond the common fields, and how its figures are derived.
export interface ServerStats {
  /** Connections autocannon keeps busy on the CPU endpoint (absent: the idle reference row). */
  connections?: number;
  /** Seconds each load ran. */
  durationS: number;
  /** CPU-endpoint responses per second, every one with a verified checksum. */
  cpuReqPerSec?: number;
  /** CPU responses checked (all were right: a wrong one fails the row). */
  checksumsVerified?: number;
  /**
   * CPU time the server process used during the load (all its threads: event loop, pool workers, native
   * threads) per verified CPU response, ms. Unlike req/s, hardly moved by other load on the machine.
   */
  serverCpuMsPerRequest?: number;
  /** /health probes sent per second (paced, sent whether or not earlier ones were answered). */
  healthRatePerSec: number;
  healthProbes: number;
  healthP50Ms: number;
  healthP99Ms: number;
  healthMaxMs: number;
  /** /health p99 of the same server just before its load (idleS seconds of probes, nothing else running). */
  healthIdleP99Ms?: number;
  /** healthP99Ms / healthIdleP99Ms: what saturating the CPU endpoint did to /health (the target: ≤ 2 for 'auto'). */
  healthP99VsIdle?: number;
  /** This row's CPU req/s over piscina's at the same thread count, this run. */
  reqPerSecVsPiscina?: number;
}

/** Percentile q (0..1) of the samples, nearest rank. */
export function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : 0;
}

export function healthFigures(latenciesMs: number[]) {
  return {
    healthProbes: latenciesMs.length,
    healthP50Ms: percentile(latenciesMs, 0.5),
    healthP99Ms: percentile(latenciesMs, 0.99),
    healthMaxMs: percentile(latenciesMs, 1),
  };
}

interface Row {
  strategy: string;
  threads: number;
  status: string;
  server?: ServerStats;
}

/** Ratios within this run: /health p99 loaded against idle (same server), CPU req/s against piscina at the same threads. */
export function deriveServer(rows: Row[]): void {
  const ok = rows.filter((r) => r.status === 'ok' && r.server);
  for (const r of ok) {
    const s = r.server!;
    if (s.healthIdleP99Ms) s.healthP99VsIdle = s.healthP99Ms / s.healthIdleP99Ms;
    const piscina = ok.find((p) => p.strategy === 'piscina' && p.threads === r.threads);
    const piscinaReqPerSec = piscina?.server?.cpuReqPerSec;
    if (piscinaReqPerSec && s.cpuReqPerSec) s.reqPerSecVsPiscina = s.cpuReqPerSec / piscinaReqPerSec;
  }
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** The progress line of a server row. */
export function serverSummary(s: ServerStats, loopMaxMs: number): string {
  const cpu =
    s.cpuReqPerSec === undefined
      ? 'idle'
      : `${s.cpuReqPerSec.toFixed(0)} req/s (${s.checksumsVerified} checksums verified, ${ms(s.serverCpuMsPerRequest!)} ms CPU each)`;
  return `${cpu}, /health p50 ${ms(s.healthP50Ms)} ms p99 ${ms(s.healthP99Ms)} ms, server loop max ${ms(loopMaxMs)} ms`;
}
