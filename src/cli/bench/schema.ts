// The JSON report (`--json FILE`), schemaVersion 1. Grow it only by adding optional fields;
// anything that changes the meaning of an existing field needs schemaVersion 2.

export const SCHEMA_VERSION = 1;

import type { ServerStats } from './server/stats.js';

export type { ServerStats };
export type Group = 'cpu' | 'io' | 'dispatch' | 'distributed' | 'server';
export const GROUPS: readonly Group[] = ['cpu', 'io', 'dispatch', 'distributed', 'server'];

export interface Stats {
  /** Median of the timed runs, milliseconds. */
  medianMs: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  /** Median absolute deviation, milliseconds (the spread shown in the table). */
  madMs: number;
  /** Relative margin of error of the mean at 95 %, percent. */
  rmePct: number;
  samples: number;
}

export interface EventLoopStats {
  /** Worst delay of the main thread's event loop seen while the strategy ran, milliseconds. */
  maxMs: number;
  p99Ms: number;
  meanMs: number;
}

/** An 'auto' row and its fastest rival, opened again and timed in alternation after the workload's rows. */
export interface AutoPaired {
  /** The rival row's strategy id, thread count and label. */
  rival: string;
  rivalThreads: number;
  rivalLabel: string;
  /** The backend 'auto' chose in the paired runs. */
  choice: string;
  /** Medians of the alternating runs. */
  autoMs: number;
  rivalMs: number;
  /** The median over rounds of auto's time ÷ the rival's in the same round: the ≤ 1.10× goal. */
  ofBest: number;
  /** autoMs / rivalMs. */
  ofMedians: number;
  /** Timed runs of each. */
  rounds: number;
}

export interface ResultRow {
  /** Strategy id, stable across runs (`js`, `workers`, `process`, `cpp`, `rust`, `promise-all`, ...). */
  strategy: string;
  label: string;
  threads: number;
  status: 'ok' | 'skipped' | 'failed';
  /** Why a row was skipped or failed. */
  reason?: string;
  /** What the row actually ran: the backend `auto` chose, a peer's version (optional, added later). */
  detail?: string;
  /** `auto` rows: why it chose that (`info().auto[kernel].reason`: the measured times behind the choice). */
  why?: string;
  /** `auto` rows: this median / the fastest other (non-peer) row of the workload at ≤ this many threads, this run. */
  ofBest?: number;
  /** `auto` rows: the same comparison re-timed with the rows in alternation (src/cli/bench/auto-paired.ts). */
  paired?: AutoPaired;
  stats?: Stats;
  /** Baseline median / this median, both from this run. */
  speedup?: number;
  /** (median at 1 thread / median at N threads) / N, same strategy, this run. */
  efficiency?: number;
  eventLoop?: EventLoopStats;
  /** Streaming workloads: bytes touched / median time. */
  gbPerSec?: number;
  /** Dispatch workloads: median time / number of tasks, microseconds. */
  perTaskUs?: number;
  /**
   * Server rows: the load test's figures (stats then hold the CPU endpoint's latencies, or /health's
   * on the idle row, and eventLoop the server process's own delay).
   */
  server?: ServerStats;
}

export interface WorkloadReport {
  name: string;
  group: Group;
  description: string;
  params: Record<string, number | string>;
  /** Strategy id whose median is the speed-up baseline (absent: no baseline, e.g. dispatch). */
  baseline?: string;
  /** Streaming workloads: Float64Array.prototype.set over an array of the same length, measured in this run. */
  memcpyGBps?: number;
  /** CPU workloads: C++ ×1 and Rust ×1 re-timed in alternation (src/cli/bench/native-paired.ts). */
  nativePaired?: NativePaired;
  /** CPU workloads: the fastest native row at one thread and each peer at one thread, re-timed in alternation (peer-paired.ts). */
  peerPaired?: PeerPaired[];
  results: ResultRow[];
}

export interface PeerPaired {
  /** The peer's strategy id and label (`numpy`, `NumPy numpy.dot(x, x)`). */
  peer: string;
  peerLabel: string;
  /** The native strategy paired with it: the faster of the C++ and Rust rows at one thread. */
  native: string;
  nativeLabel: string;
  /** Medians of the alternating runs (the peer's as it times itself, like its row). */
  nativeMs: number;
  peerMs: number;
  /** The median over rounds of the native time ÷ the peer's in the same round. */
  nativeOverPeer: number;
  /** nativeMs / peerMs. */
  ofMedians: number;
  rounds: number;
}

export interface NativePaired {
  /** Medians of the alternating runs. */
  cppMs: number;
  rustMs: number;
  /** The median over rounds of C++'s time ÷ Rust's in the same round: the goal is within 1.25× either way. */
  cppOverRust: number;
  /** cppMs / rustMs. */
  ofMedians: number;
  /** Timed runs of each. */
  rounds: number;
}

export interface Machine {
  cpu: string;
  cores: number;
  simd: string[];
  platform: string;
  arch: string;
  node: string;
  v8: string;
  multicore: string;
  backends: Record<string, { available: boolean; reason?: string }>;
  /** The SIMD level each native backend dispatches to in this run (after any MULTICORE_SIMD cap). */
  dispatch?: Record<string, string>;
  /** MULTICORE_SIMD, when set: the cap on our kernels' dispatch, applied to the NumPy peer too. */
  simdCap?: string;
}

export interface BenchReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: 'multicore bench';
  createdAt: string;
  options: { quick: boolean; size: string; scale: number; threads: number[]; only: string[] | null; peers?: boolean };
  machine: Machine;
  workloads: WorkloadReport[];
  /** Rows whose result did not match the JS reference. Non-zero means the run failed. */
  failures: number;
  durationMs: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed report against schemaVersion 1; returns the problems found (empty: valid). */
export function validateReport(r: unknown): string[] {
  const errors: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) errors.push(what);
  };
  if (!isObj(r)) return ['report is not an object'];
  if (r.schemaVersion !== SCHEMA_VERSION) return [`schemaVersion is ${JSON.stringify(r.schemaVersion)}, expected ${SCHEMA_VERSION}`];
  need(r.tool === 'multicore bench', 'tool must be "multicore bench"');
  need(isStr(r.createdAt) && !Number.isNaN(Date.parse(r.createdAt)), 'createdAt must be an ISO date');
  need(isNum(r.failures) && isNum(r.durationMs), 'failures and durationMs must be numbers');
  const m = r.machine;
  need(isObj(m) && isStr(m.cpu) && isNum(m.cores) && Array.isArray(m.simd) && isStr(m.node) && isObj(m.backends), 'machine is incomplete');
  const o = r.options;
  need(isObj(o) && typeof o.quick === 'boolean' && isNum(o.scale) && Array.isArray(o.threads), 'options is incomplete');
  if (!Array.isArray(r.workloads)) return [...errors, 'workloads must be an array'];
  for (const [i, w] of (r.workloads as unknown[]).entries()) {
    const at = `workloads[${i}]`;
    if (!isObj(w)) {
      errors.push(`${at} is not an object`);
      continue;
    }
    need(
      isStr(w.name) && GROUPS.includes(w.group as Group) && isStr(w.description) && isObj(w.params),
      `${at} name/group/description/params`,
    );
    need(w.memcpyGBps === undefined || isNum(w.memcpyGBps), `${at}.memcpyGBps`);
    const np = w.nativePaired;
    need(
      np === undefined ||
        (isObj(np) && ['cppMs', 'rustMs', 'cppOverRust', 'ofMedians', 'rounds'].every((k) => isNum(np[k]) && (np[k] as number) > 0)),
      `${at}.nativePaired`,
    );
    const pp = w.peerPaired;
    need(
      pp === undefined ||
        (Array.isArray(pp) &&
          pp.every(
            (p) =>
              isObj(p) &&
              ['peer', 'peerLabel', 'native', 'nativeLabel'].every((k) => isStr(p[k])) &&
              ['nativeMs', 'peerMs', 'nativeOverPeer', 'ofMedians', 'rounds'].every((k) => isNum(p[k]) && (p[k] as number) > 0),
          )),
      `${at}.peerPaired`,
    );
    if (!Array.isArray(w.results)) {
      errors.push(`${at}.results must be an array`);
      continue;
    }
    for (const [j, row] of (w.results as unknown[]).entries()) {
      const rat = `${at}.results[${j}]`;
      if (!isObj(row)) {
        errors.push(`${rat} is not an object`);
        continue;
      }
      need(isStr(row.strategy) && isStr(row.label) && isNum(row.threads) && row.threads >= 1, `${rat} strategy/label/threads`);
      need(['ok', 'skipped', 'failed'].includes(row.status as string), `${rat}.status`);
      if (row.status !== 'ok') {
        need(isStr(row.reason), `${rat}.reason required when ${String(row.status)}`);
        continue;
      }
      const s = row.stats;
      need(
        isObj(s) &&
          ['medianMs', 'meanMs', 'minMs', 'maxMs', 'madMs', 'rmePct', 'samples'].every((k) => isNum(s[k]) && (s[k] as number) >= 0),
        `${rat}.stats`,
      );
      need(isObj(s) && (s.medianMs as number) > 0 && (s.samples as number) >= 1, `${rat}.stats.medianMs > 0 and samples >= 1`);
      const e = row.eventLoop;
      need(isObj(e) && isNum(e.maxMs) && isNum(e.p99Ms) && isNum(e.meanMs), `${rat}.eventLoop`);
      for (const k of ['speedup', 'efficiency', 'gbPerSec', 'perTaskUs', 'ofBest'])
        need(row[k] === undefined || (isNum(row[k]) && (row[k] as number) > 0), `${rat}.${k}`);
      const pr = row.paired;
      if (pr !== undefined)
        need(
          isObj(pr) &&
            isStr(pr.rival) &&
            isStr(pr.rivalLabel) &&
            isStr(pr.choice) &&
            ['rivalThreads', 'autoMs', 'rivalMs', 'ofBest', 'ofMedians', 'rounds'].every((k) => isNum(pr[k]) && (pr[k] as number) > 0),
          `${rat}.paired`,
        );
      const sv = row.server;
      if (sv !== undefined) {
        need(
          isObj(sv) &&
            ['durationS', 'healthRatePerSec', 'healthProbes', 'healthP50Ms', 'healthP99Ms', 'healthMaxMs'].every(
              (k) => isNum(sv[k]) && (sv[k] as number) >= 0,
            ),
          `${rat}.server`,
        );
        need(
          isObj(sv) &&
            [
              'connections',
              'cpuReqPerSec',
              'checksumsVerified',
              'serverCpuMsPerRequest',
              'healthIdleP99Ms',
              'healthP99VsIdle',
              'reqPerSecVsPiscina',
            ].every((k) => sv[k] === undefined || (isNum(sv[k]) && (sv[k] as number) > 0)),
          `${rat}.server CPU figures must be positive`,
        );
      }
    }
  }
  return errors;
}
