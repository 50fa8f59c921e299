// 'auto': per kernel and size class, the backend that measured fastest on this machine.
//
// The first 'auto' call of a kernel in a size class (powers of 4 of its work, see auto-probes.ts)
// at a thread count runs a small representative input once on every available in-process backend
// (cpp, rust, wasm, js) to warm it up, then times each in three interleaved rounds (dropping one
// already 3× the best after two) and keeps the fastest: a few ms, once per process. JS is measured on a
// smaller input and scaled (auto-probes.ts). 'workers' (the JS kernels on worker threads) can only
// beat the others where plain JS does, and it pays a pool start, so it is measured only when JS won
// and more than one thread was asked for. When more than one thread was asked for, the winner is
// also timed on one thread (`threads` is a cap: on a small input one thread can beat the pool's
// start-up), and picked that way if faster. Sync variants choose among the backends with sync forms.
// A call larger than its probe settles the choice on the user's own calls (auto-race.ts).
//
// MULTICORE_AUTO: unset or `measure` (the above); `order` (no measuring: the first available of
// cpp, rust, wasm, js); or a backend name to force it (when available). MULTICORE_AUTO_CACHE keeps
// the measurements on disk (auto-cache.ts).
import { loadNative } from '../native/load.js';
import { loadWasm } from '../native/wasm.js';
import { defaultThreads, type Backend } from './options.js';
import { DiskCache, cacheDir } from './auto-cache.js';
import { contendersOf, labelOf, parseLabel, Race, RACE_MARGIN, RACE_WARMUP, type RaceState } from './auto-race.js';
import {
  ASYNC_KERNELS,
  SYNC_KERNELS,
  type AsyncKernel,
  type AutoKernel,
  type Concrete,
  type Probe,
  type SyncKernel,
} from './auto-kernels.js';
import { ASYNC_PROBES, SYNC_PROBES } from './auto-probes.js';

export type { AutoKernel } from './auto-kernels.js';

/** The kernel and the size of a call, which 'auto' chooses by. */
export interface AutoCall {
  kernel: AutoKernel;
  /** The call's work in the probe's unit (elements, limit, pixels × maxIter, m·k·n, samples). */
  work: number;
  threads: number;
}

export interface AutoChoice {
  backend: Exclude<Backend, 'auto'>;
  /** The thread count it runs with (at most the call's; fewer where that measured faster). */
  threads?: number;
  reason: string;
}

export interface AutoMeasurement {
  work: number;
  /** The thread count asked for. */
  threads: number;
  backend: Exclude<Backend, 'auto'>;
  /** The thread count picked (fewer than asked where that measured faster). */
  pickedThreads: number;
  /** 'probe': a small representative input; 'calls': this process's own calls of that size (auto-race.ts). */
  source: 'probe' | 'calls';
  /** Times in ms per candidate: `rust`, or `rust×1` for the same on one thread. */
  ms: Record<string, number>;
}

export interface AutoDescription extends AutoChoice {
  /** Every size class measured in this process (or read from the disk cache). */
  measured: AutoMeasurement[];
}

const ORDER: Concrete[] = ['cpp', 'rust', 'wasm', 'js'];
const IN_PROCESS: Concrete[] = ['cpp', 'rust', 'wasm', 'js'];
const ROUNDS = 3;
const HOPELESS = 3; // a backend already this many times slower than the best is not run again

function unavailable(b: Concrete): string | undefined {
  if (b === 'js' || b === 'workers') return undefined;
  const loaded = b === 'wasm' ? loadWasm() : loadNative(b);
  return loaded.addon ? undefined : loaded.reason;
}

const availableOf = (list: Concrete[]) => list.filter((b) => !unavailable(b));

function orderChoice(why: string): AutoChoice {
  const backend = availableOf(ORDER)[0] ?? 'js';
  return { backend, reason: `${why}: the first available of ${ORDER.join(', ')}` };
}

/** MULTICORE_AUTO, read at every call (cheap) so a test or a user can change it at run time. */
function mode(): { kind: 'measure' } | { kind: 'order' } | { kind: 'force'; backend: Concrete } {
  const v = process.env.MULTICORE_AUTO?.trim();
  if (!v || v === 'measure') return { kind: 'measure' };
  if (v === 'order') return { kind: 'order' };
  if ((['cpp', 'rust', 'wasm', 'js', 'workers'] as string[]).includes(v)) return { kind: 'force', backend: v as Concrete };
  throw new RangeError(`MULTICORE_AUTO must be 'measure', 'order' or a backend name (cpp, rust, wasm, js, workers), got '${v}'`);
}

/** A fixed choice the environment asks for, or undefined to measure. */
function envChoice(sync: boolean): AutoChoice | undefined {
  const m = mode();
  if (m.kind === 'order') return orderChoice('MULTICORE_AUTO=order');
  if (m.kind === 'force') {
    const why = m.backend === 'workers' && sync ? 'it has no sync form' : unavailable(m.backend);
    if (!why) return { backend: m.backend, reason: `forced by MULTICORE_AUTO=${m.backend}` };
    return orderChoice(`MULTICORE_AUTO=${m.backend} ignored (${why})`);
  }
  return undefined;
}

interface Decision {
  backend: Concrete;
  reason: string;
  work: number;
  /** Where JS and workers were measured (their times are scaled to `work`). */
  jsWork: number;
  /** The thread count asked for. */
  threads: number;
  /** The winner's thread count (≤ threads). */
  pickedThreads: number;
  source: 'probe' | 'calls';
  /** Times per candidate label (auto-race.ts labelOf). */
  ms: Record<string, number>;
}

/** What runKernel runs; `done(ms)` (while a race is on) reports how long the call took. */
export interface AutoPlan {
  backend: Concrete;
  threads: number;
  done?(ms: number): void;
}

const decisions = new Map<string, Decision>();
const races = new Map<string, { race: Race; probe: Decision; work: number }>();
const last = new Map<AutoKernel, { backend: Concrete; label: string; reason?: string }>();
const pending = new Map<string, Promise<Decision>>();
let disk: DiskCache | undefined;

function diskCache(): DiskCache {
  if (!disk) {
    const identity: Record<string, string> = {};
    // Without a cache dir nothing is read or written: do not load backends just to name them.
    for (const b of cacheDir() ? (['cpp', 'rust', 'wasm'] as const) : []) {
      const addon = b === 'wasm' ? loadWasm().addon : loadNative(b).addon;
      let id = 'unavailable';
      try {
        if (addon) {
          const i = addon.info();
          id = `${i.version} ${i.compiler} ${i.simdLevel}`;
        }
      } catch {
        id = 'info failed';
      }
      identity[b] = id;
    }
    disk = new DiskCache(identity);
  }
  return disk;
}

const classOfWork = (work: number) => Math.round(Math.log(Math.max(1, work)) / Math.log(4));

function sizeClass(p: Probe<unknown>, work: number): number {
  return Math.min(p.maxClass, Math.max(p.minClass, classOfWork(work)));
}

const fmt = (ms: number) => (ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const ranked = (ms: Record<string, number>) => Object.entries(ms).sort((a, b) => a[1] - b[1]);
/** `5 calls each`, or `11 calls of rust and cpp, 5 of rust×1` when near ties raced on. */
const samplesText = (n: Record<string, number>) => {
  const by = new Map<number, string[]>();
  for (const [l, k] of Object.entries(n)) by.set(k, [...(by.get(k) ?? []), l]);
  if (by.size === 1) return `${[...by.keys()][0]} calls each`;
  return [...by.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([k, ls]) => `${k} calls of ${ls.join(' and ')}`)
    .join(', ');
};
const timesText = (ms: Record<string, number>) =>
  ranked(ms)
    .map(([b, t]) => `${b} ${fmt(t)} ms`)
    .join(', ');
const threadsText = (t: number) => `${t} thread${t === 1 ? '' : 's'}`;

/** The decision a probe's times give: the fastest label. Exported for tests (a recorded table in, a pick out). */
export function decide(
  p: Pick<Probe<unknown>, 'unit'>,
  work: number,
  jsWork: number,
  threads: number,
  ms: Record<string, number>,
  failed: string[],
  fromDisk = false,
): Decision {
  const best = ranked(ms)[0]?.[0] ?? 'js';
  const pick = parseLabel(best, threads);
  const scaled =
    jsWork < work && Object.keys(ms).some((l) => isJs(parseLabel(l, threads).backend))
      ? ` (js/workers measured at ${jsWork} and scaled to ${work})`
      : '';
  const reason =
    `fastest when measured${fromDisk ? ' (disk cache)' : ''} at ${work} ${p.unit}, ${threadsText(threads)}: ${timesText(ms)}${scaled}` +
    (failed.length ? `; failed: ${failed.join(', ')}` : '');
  return { backend: pick.backend, reason, work, jsWork, threads, pickedThreads: pick.threads, source: 'probe', ms };
}

function remember(key: string, d: Decision): Decision {
  decisions.set(key, d);
  diskCache().set(key, {
    backend: d.backend,
    work: d.work,
    jsWork: d.jsWork,
    threads: d.threads,
    ms: d.ms,
    source: d.source,
    reason: d.reason,
  });
  return d;
}

function fromDisk(key: string, p: Probe<unknown>): Decision | undefined {
  const c = diskCache().get(key);
  if (!c) return undefined;
  const ms = Object.fromEntries(Object.entries(c.ms).filter(([l]) => !unavailable(parseLabel(l, c.threads).backend)));
  const best = ranked(ms)[0]?.[0];
  if (!best || parseLabel(best, c.threads).backend !== c.backend) return undefined; // what won then is not available now
  if (c.source === 'calls') {
    const pick = parseLabel(best, c.threads);
    return {
      backend: pick.backend,
      pickedThreads: pick.threads,
      reason: `${c.reason ?? ''} (disk cache)`,
      work: c.work,
      jsWork: c.jsWork ?? c.work,
      threads: c.threads,
      source: 'calls',
      ms,
    };
  }
  return decide(p, c.work, c.jsWork ?? c.work, c.threads, ms, [], true);
}

const isJs = (b: Concrete) => b === 'js' || b === 'workers';

/**
 * Interleaved rounds (one turn of each candidate per round, so a burst of load elsewhere hits all
 * alike), after one untimed warm-up run each (loads the addon, compiles, starts a pool). Every
 * other round runs in reverse order, so no candidate always follows the same one: right after a
 * wasm ×2 run (its workers, V8's tier-up) the next native run measured up to 2× its usual time,
 * and with a fixed order that was always C++'s. A turn is an untimed run and then the timed one,
 * as in a race (auto-race.ts): the first run after another
 * candidate's finds this one's pool threads asleep, which back-to-back calls never do (C++ ×2
 * sumSquares at 10⁶ elements measured 0.38-0.68 ms that way against Rust's 0.21-0.31, and was
 * left out of the race it would have won). The best of the rounds counts; a candidate already
 * HOPELESS times the best after two rounds runs no more.
 */
class Trial {
  readonly ms: Record<string, number> = {};
  readonly failed: string[] = [];
  private dropped = new Set<string>();
  constructor(
    readonly jsScale: number,
    readonly threads: number,
  ) {}
  record(label: string, elapsed: number): void {
    const t = isJs(parseLabel(label, this.threads).backend) ? elapsed * this.jsScale : elapsed;
    this.ms[label] = Math.min(this.ms[label] ?? Infinity, t);
  }
  fail(label: string, err: unknown): void {
    delete this.ms[label];
    this.dropped.add(label);
    this.failed.push(`${label} (${(err as Error).message?.split('\n')[0] ?? String(err)})`);
  }
  active(list: string[]): string[] {
    return list.filter((b) => !this.dropped.has(b));
  }
  endRound(): void {
    const best = Math.min(...Object.values(this.ms));
    for (const [b, t] of Object.entries(this.ms)) if (t > HOPELESS * best) this.dropped.add(b);
  }
  leader(): string | undefined {
    return ranked(this.ms)[0]?.[0];
  }
}

function works(p: Probe<unknown>, work: number) {
  const jsWork = Math.min(work, 4 ** p.jsMaxClass);
  const cost = p.cost ?? ((w: number) => w);
  return { jsWork, jsScale: cost(work) / cost(jsWork), run: p.make(work), runJs: jsWork === work ? undefined : p.make(jsWork) };
}

/** After the main rounds: the leader on one thread, when more were asked for and it is a native backend. */
function oneThreadVariant(trial: Trial, threads: number): string[] {
  const leader = trial.leader();
  if (threads <= 1 || !leader) return [];
  const c = parseLabel(leader, threads);
  return isJs(c.backend) ? [] : [labelOf({ backend: c.backend, threads: 1 }, threads)];
}

async function measureAsync(kernel: AsyncKernel, work: number, threads: number): Promise<Decision> {
  const p = ASYNC_PROBES[kernel];
  const { jsWork, jsScale, run, runJs } = works(p, work);
  const once = (label: string) => {
    const c = parseLabel(label, threads);
    return ((isJs(c.backend) && runJs) || run)(c.backend, c.threads);
  };
  const trial = new Trial(jsScale, threads);
  const rounds = async (list: string[]) => {
    for (const b of list) await Promise.resolve(once(b)).catch((err) => trial.fail(b, err));
    for (let r = 0; r < ROUNDS; r++) {
      const active = trial.active(list);
      for (const b of r % 2 ? active.reverse() : active) {
        try {
          await once(b); // untimed: wakes this candidate's pool
          const t0 = performance.now();
          await once(b);
          trial.record(b, performance.now() - t0);
        } catch (err) {
          trial.fail(b, err);
        }
      }
      if (r > 0) trial.endRound(); // one slow round may be a burst of load elsewhere: judge on two
    }
  };
  await rounds(availableOf(IN_PROCESS));
  if (trial.leader() === 'js' && threads > 1) await rounds(['workers']);
  const one = oneThreadVariant(trial, threads);
  if (one.length) await rounds([trial.leader()!, ...one]); // the leader again: both timed in the same rounds
  return decide(p, work, jsWork, threads, trial.ms, trial.failed);
}

function measureSync(kernel: SyncKernel, work: number, threads: number): Decision {
  const p = SYNC_PROBES[kernel];
  const { jsWork, jsScale, run, runJs } = works(p, work);
  const once = (label: string) => {
    const c = parseLabel(label, threads);
    return ((isJs(c.backend) && runJs) || run)(c.backend, c.threads);
  };
  const trial = new Trial(jsScale, threads);
  const rounds = (list: string[]) => {
    for (const b of list)
      try {
        once(b);
      } catch (err) {
        trial.fail(b, err);
      }
    for (let r = 0; r < ROUNDS; r++) {
      for (const b of trial.active(list)) {
        const t0 = performance.now();
        try {
          once(b);
          trial.record(b, performance.now() - t0);
        } catch (err) {
          trial.fail(b, err);
        }
      }
      if (r > 0) trial.endRound();
    }
  };
  rounds(availableOf(IN_PROCESS));
  const one = oneThreadVariant(trial, threads);
  if (one.length) rounds([trial.leader()!, ...one]);
  return decide(p, work, jsWork, threads, trial.ms, trial.failed);
}

function probeOf(kernel: AutoKernel): Probe<unknown> {
  return (ASYNC_PROBES as Record<string, Probe<unknown>>)[kernel] ?? (SYNC_PROBES as Record<string, Probe<unknown>>)[kernel];
}

function classOf(call: AutoCall): { key: string; work: number; probe: Probe<unknown> } {
  const probe = probeOf(call.kernel);
  const work = 4 ** sizeClass(probe, call.work);
  return { key: `${call.kernel}|${work}|${call.threads}`, work, probe };
}

const isSync = (k: AutoKernel): k is SyncKernel => (SYNC_KERNELS as readonly string[]).includes(k);

// Which 'auto' calls overlap: a race only counts a call that ran alone (auto-race.ts).
let inFlight = 0;
let started = 0;

/** Why each plan handed out was chosen (its decision's reason), for lastAutoReason. */
const planReasons = new WeakMap<AutoPlan, string>();

function planOf(d: Decision): AutoPlan {
  const plan = { backend: d.backend, threads: d.pickedThreads };
  planReasons.set(plan, d.reason);
  return plan;
}

/**
 * The plan for a call whose probe decision is `probe`: that decision, or (for a call in a larger
 * size class than the probe measured, with more than one contender) the next turn of a race on
 * real calls. Exported for tests.
 */
export function planFor(call: AutoCall, probe: Decision): AutoPlan {
  const cls = Math.max(probeOf(call.kernel).minClass, classOfWork(call.work));
  if (4 ** cls <= probe.work) return planOf(probe);
  const key = `${call.kernel}|${4 ** cls}|${call.threads}|calls`;
  const settled = decisions.get(key) ?? fromDisk(key, probeOf(call.kernel));
  if (settled) {
    decisions.set(key, settled);
    return planOf(settled);
  }
  let r = races.get(key);
  if (!r) {
    r = { race: new Race(contendersOf(probe.ms)), probe, work: 4 ** cls };
    races.set(key, r);
  }
  const entry = r;
  if (entry.race.state.done) return planOf(settleRace(key, entry, call));
  const { label, timed } = entry.race.next();
  if (entry.race.state.done) return planOf(settleRace(key, entry, call));
  const c = parseLabel(label, call.threads);
  const solo = inFlight === 0;
  const id = ++started;
  inFlight++;
  return {
    ...c,
    done(ms: number) {
      inFlight--;
      if (timed && Number.isFinite(ms)) entry.race.record(label, ms, solo && started === id);
      if (entry.race.state.done && races.get(key) === entry) settleRace(key, entry, call);
    },
  };
}

/** How many races on real calls are still running (the bench warms its 'auto' rows up until none is). @internal */
export function autoRacesPending(): number {
  return races.size;
}

function settleRace(key: string, r: { race: Race; probe: Decision; work: number }, call: AutoCall): Decision {
  races.delete(key);
  const s = r.race.state as Extract<RaceState, { done: true }>;
  const pick = parseLabel(s.winner, call.threads);
  const unit = probeOf(call.kernel).unit;
  const how = s.gaveUp
    ? `kept the probe's best: calls of about ${r.work} ${unit} kept overlapping, so none could be timed alone`
    : r.race.contenders.length > 1
      ? `fastest on this process's own calls of about ${r.work} ${unit}, ${threadsText(call.threads)} (medians of the second call of each turn, after ${RACE_WARMUP} turns each that do not count: ${samplesText(s.samples)}): ${timesText(s.ms)}`
      : `the only candidate within ${RACE_MARGIN}× of the best at the probe`;
  const reason = `${how}; the probe: ${r.probe.reason}`;
  const d: Decision = {
    backend: pick.backend,
    pickedThreads: pick.threads,
    reason,
    work: r.work,
    jsWork: r.probe.jsWork,
    threads: call.threads,
    source: 'calls',
    ms: Object.keys(s.ms).length ? s.ms : { [s.winner]: r.probe.ms[s.winner] ?? 0 },
  };
  return remember(key, d);
}

/**
 * The plan for an async kernel call: at once when known, otherwise a promise that settles after
 * this size class has been measured (once per process; concurrent calls share it).
 */
export function autoBackend(call: AutoCall | undefined): AutoPlan | Promise<AutoPlan> {
  const plan = autoPlanUnnoted(call);
  if (!call) return plan;
  if (!(plan instanceof Promise)) return noted(call, plan);
  return plan.then((b) => noted(call, b));
}

function noted<T extends { backend: Concrete; threads?: number }>(call: AutoCall, plan: T): T {
  last.set(call.kernel, {
    backend: plan.backend,
    label: labelOf({ backend: plan.backend, threads: plan.threads ?? call.threads }, call.threads),
    reason: planReasons.get(plan as AutoPlan),
  });
  return plan;
}

/** The backend the last 'auto' call of this kernel ran on. */
export function lastAutoChoice(kernel: AutoKernel): Concrete | undefined {
  return last.get(kernel)?.backend;
}

/** The same with its thread count when fewer than asked (`cpp×1`): what the bench's auto rows show. */
export function lastAutoLabel(kernel: AutoKernel): string | undefined {
  return last.get(kernel)?.label;
}

/** Why the last settled 'auto' call of this kernel ran where it did (undefined for a race turn or a forced backend). */
export function lastAutoReason(kernel: AutoKernel): string | undefined {
  return last.get(kernel)?.reason;
}

function autoPlanUnnoted(call: AutoCall | undefined): AutoPlan | Promise<AutoPlan> {
  const fixed = envChoice(false) ?? (call ? undefined : orderChoice('no kernel named'));
  if (fixed) return { backend: fixed.backend, threads: call?.threads ?? defaultThreads() };
  const { key, work, probe } = classOf(call!);
  const known = decisions.get(key) ?? fromDisk(key, probe);
  if (known) {
    decisions.set(key, known);
    // An addon that was available when measured stays loaded: the choice stays valid.
    return planFor(call!, known);
  }
  if (isSync(call!.kernel)) return { backend: autoBackendSync(call!), threads: call!.threads };
  let p = pending.get(key);
  if (!p) {
    p = measureAsync(call!.kernel as AsyncKernel, work, call!.threads)
      .then((d) => remember(key, d))
      .finally(() => pending.delete(key));
    pending.set(key, p);
  }
  return p.then((d) => planFor(call!, d));
}

/** The backend for a sync kernel call, measured synchronously (among backends with sync forms) when new. */
export function autoBackendSync(call: AutoCall | undefined): Concrete {
  return autoPlanSync(call).backend;
}

/** The backend and thread count for a sync kernel call (no races: sync calls are measured at their own class). */
export function autoPlanSync(call: AutoCall | undefined): AutoPlan {
  const fixed = envChoice(true) ?? (call ? undefined : orderChoice('no kernel named'));
  if (fixed)
    return call ? noted(call, { backend: fixed.backend, threads: call.threads }) : { backend: fixed.backend, threads: defaultThreads() };
  const { key, work, probe } = classOf(call!);
  let d = decisions.get(key) ?? fromDisk(key, probe);
  if (!d) d = remember(key, measureSync(call!.kernel as SyncKernel, work, call!.threads));
  else decisions.set(key, d);
  return noted(call!, planOf(d));
}

/** What 'auto' chooses per kernel and why: the largest size class measured, or how it will choose. */
export function describeAuto(): Record<AutoKernel, AutoDescription> {
  const out = {} as Record<AutoKernel, AutoDescription>;
  for (const kernel of [...ASYNC_KERNELS, ...SYNC_KERNELS] as AutoKernel[]) {
    const sync = isSync(kernel);
    let fixed: AutoChoice | undefined;
    try {
      fixed = envChoice(sync);
    } catch (err) {
      fixed = { backend: orderChoice('').backend, reason: (err as Error).message };
    }
    const measured = [...decisions.entries()]
      .filter(([k]) => k.startsWith(`${kernel}|`))
      .map(([, d]) => d)
      .sort((a, b) => a.work - b.work || a.threads - b.threads || (a.source === 'calls' ? 1 : 0) - (b.source === 'calls' ? 1 : 0));
    const list: AutoMeasurement[] = measured.map((d) => ({
      work: d.work,
      threads: d.threads,
      backend: d.backend,
      pickedThreads: d.pickedThreads,
      source: d.source,
      ms: d.ms,
    }));
    if (fixed) out[kernel] = { ...fixed, measured: list };
    else if (measured.length) {
      const d = measured[measured.length - 1];
      out[kernel] = { backend: d.backend, threads: d.pickedThreads, reason: d.reason, measured: list };
    } else {
      const guess = orderChoice('not measured yet in this process (measured on the first call); until then');
      out[kernel] = { ...guess, measured: [] };
    }
  }
  return out;
}

/** Measures every kernel at its largest size class (what `multicore info` shows); returns describeAuto(). */
export async function calibrateAuto(threads = defaultThreads()): Promise<Record<AutoKernel, AutoDescription>> {
  for (const kernel of ASYNC_KERNELS) {
    const p = ASYNC_PROBES[kernel];
    await autoBackend({ kernel, work: 4 ** p.maxClass, threads });
  }
  for (const kernel of SYNC_KERNELS) autoBackendSync({ kernel, work: Infinity, threads });
  return describeAuto();
}

/** Forgets every measurement of this process (for tests); the disk cache is left alone. */
export function resetAuto(): void {
  decisions.clear();
  races.clear();
}

/** Puts a recorded measurement in place of a probe (for tests: a calibration table in, picks out). */
export function recordAuto(call: Omit<AutoCall, 'work'> & { work: number }, ms: Record<string, number>): void {
  const probe = probeOf(call.kernel);
  const work = 4 ** sizeClass(probe, call.work);
  decisions.set(`${call.kernel}|${work}|${call.threads}`, decide(probe, work, work, call.threads, ms, []));
}
