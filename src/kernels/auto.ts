// 'auto': per kernel and size class, the backend that measured fastest on this machine.
//
// The first 'auto' call of a kernel in a size class (powers of 4 of its work, see auto-probes.ts)
// at a thread count runs a small representative input once on every available in-process backend
// (cpp, rust, wasm, js) to warm it up, then times each in three interleaved rounds (dropping one
// already 3× the best after two) and keeps the fastest: a few ms, once per process. JS is measured on a
// smaller input and scaled (auto-probes.ts). 'workers' (the JS kernels on worker threads) can only
// beat the others where plain JS does, and it pays a pool start, so it is measured only when JS won
// and more than one thread was asked for. Sync variants choose among the backends with sync forms.
//
// MULTICORE_AUTO: unset or `measure` (the above); `order` (no measuring: the first available of
// cpp, rust, wasm, js); or a backend name to force it (when available). MULTICORE_AUTO_CACHE keeps
// the measurements on disk (auto-cache.ts).
import { loadNative } from '../native/load.js';
import { loadWasm } from '../native/wasm.js';
import { defaultThreads, type Backend } from './options.js';
import { DiskCache, cacheDir } from './auto-cache.js';
import {
  ASYNC_KERNELS, ASYNC_PROBES, SYNC_KERNELS, SYNC_PROBES,
  type AsyncKernel, type AutoKernel, type Concrete, type Probe, type SyncKernel,
} from './auto-probes.js';

export type { AutoKernel } from './auto-probes.js';

/** The kernel and the size of a call, which 'auto' chooses by. */
export interface AutoCall {
  kernel: AutoKernel;
  /** The call's work in the probe's unit (elements, limit, pixels × maxIter, m·k·n, samples). */
  work: number;
  threads: number;
}

export interface AutoChoice {
  backend: Exclude<Backend, 'auto'>;
  reason: string;
}

export interface AutoDescription extends AutoChoice {
  /** Every size class measured in this process (or read from the disk cache): the times in ms. */
  measured: { work: number; threads: number; backend: Exclude<Backend, 'auto'>; ms: Partial<Record<Exclude<Backend, 'auto'>, number>> }[];
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

interface Decision extends AutoChoice {
  work: number;
  /** Where JS and workers were measured (their times are scaled to `work`). */
  jsWork: number;
  threads: number;
  ms: Partial<Record<Concrete, number>>;
}

const decisions = new Map<string, Decision>();
const last = new Map<AutoKernel, Concrete>();
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
        if (addon) { const i = addon.info(); id = `${i.version} ${i.compiler} ${i.simdLevel}`; }
      } catch { id = 'info failed'; }
      identity[b] = id;
    }
    disk = new DiskCache(identity);
  }
  return disk;
}

function sizeClass(p: Probe<unknown>, work: number): number {
  const c = Math.round(Math.log(Math.max(1, work)) / Math.log(4));
  return Math.min(p.maxClass, Math.max(p.minClass, c));
}

const fmt = (ms: number) => (ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));

function decide(p: Probe<unknown>, work: number, jsWork: number, threads: number,
  ms: Partial<Record<Concrete, number>>, failed: string[], fromDisk = false): Decision {
  const ranked = (Object.entries(ms) as [Concrete, number][]).sort((a, b) => a[1] - b[1]);
  const backend = ranked[0]?.[0] ?? 'js';
  const times = ranked.map(([b, t]) => `${b} ${fmt(t)} ms`).join(', ');
  const scaled = jsWork < work && ranked.some(([b]) => b === 'js' || b === 'workers')
    ? ` (js/workers measured at ${jsWork} and scaled to ${work})` : '';
  const reason = `fastest when measured${fromDisk ? ' (disk cache)' : ''} at ${work} ${p.unit}, ${threads} thread${threads === 1 ? '' : 's'}: ${times}${scaled}` +
    (failed.length ? `; failed: ${failed.join(', ')}` : '');
  return { backend, reason, work, jsWork, threads, ms };
}

function remember(key: string, d: Decision): Decision {
  decisions.set(key, d);
  diskCache().set(key, { backend: d.backend, work: d.work, jsWork: d.jsWork, threads: d.threads, ms: d.ms as Record<string, number> });
  return d;
}

function fromDisk(key: string, p: Probe<unknown>): Decision | undefined {
  const c = diskCache().get(key);
  if (!c || !(c.backend in c.ms)) return undefined;
  const ms = Object.fromEntries(Object.entries(c.ms).filter(([b]) => !unavailable(b as Concrete))) as Partial<Record<Concrete, number>>;
  if (!(c.backend in ms)) return undefined; // what won then is not available now: measure again
  return decide(p, c.work, c.jsWork ?? c.work, c.threads, ms, [], true);
}

const isJs = (b: Concrete) => b === 'js' || b === 'workers';

/**
 * Interleaved rounds (one run of each backend per round, so a burst of load elsewhere hits all
 * alike), after one untimed warm-up run each (loads the addon, compiles, starts a pool). The best
 * of the rounds counts; a backend already HOPELESS times the best after two rounds runs no more.
 */
class Trial {
  readonly ms: Partial<Record<Concrete, number>> = {};
  readonly failed: string[] = [];
  private dropped = new Set<Concrete>();
  constructor(readonly jsScale: number) {}
  /** Records one timed run (scaled for JS) and returns whether to run this backend again. */
  record(b: Concrete, elapsed: number): void {
    const t = isJs(b) ? elapsed * this.jsScale : elapsed;
    this.ms[b] = Math.min(this.ms[b] ?? Infinity, t);
  }
  fail(b: Concrete, err: unknown): void {
    delete this.ms[b];
    this.dropped.add(b);
    this.failed.push(`${b} (${(err as Error).message?.split('\n')[0] ?? String(err)})`);
  }
  active(list: Concrete[]): Concrete[] {
    return list.filter((b) => !this.dropped.has(b));
  }
  endRound(): void {
    const best = Math.min(...(Object.values(this.ms) as number[]));
    for (const [b, t] of Object.entries(this.ms) as [Concrete, number][]) if (t > HOPELESS * best) this.dropped.add(b);
  }
  leader(): Concrete | undefined {
    return (Object.entries(this.ms) as [Concrete, number][]).sort((a, b) => a[1] - b[1])[0]?.[0];
  }
}

function works(p: Probe<unknown>, work: number) {
  const jsWork = Math.min(work, 4 ** p.jsMaxClass);
  const cost = p.cost ?? ((w: number) => w);
  return { jsWork, jsScale: cost(work) / cost(jsWork), run: p.make(work), runJs: jsWork === work ? undefined : p.make(jsWork) };
}

async function measureAsync(kernel: AsyncKernel, work: number, threads: number): Promise<Decision> {
  const p = ASYNC_PROBES[kernel];
  const { jsWork, jsScale, run, runJs } = works(p, work);
  const once = (b: Concrete) => ((isJs(b) && runJs) || run)(b, threads);
  const trial = new Trial(jsScale);
  const rounds = async (list: Concrete[]) => {
    for (const b of list) await Promise.resolve(once(b)).catch((err) => trial.fail(b, err));
    for (let r = 0; r < ROUNDS; r++) {
      for (const b of trial.active(list)) {
        const t0 = performance.now();
        try {
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
  return decide(p, work, jsWork, threads, trial.ms, trial.failed);
}

function measureSync(kernel: SyncKernel, work: number, threads: number): Decision {
  const p = SYNC_PROBES[kernel];
  const { jsWork, jsScale, run, runJs } = works(p, work);
  const once = (b: Concrete) => ((isJs(b) && runJs) || run)(b, threads);
  const trial = new Trial(jsScale);
  const list = availableOf(IN_PROCESS);
  for (const b of list) try { once(b); } catch (err) { trial.fail(b, err); }
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
  return decide(p, work, jsWork, threads, trial.ms, trial.failed);
}

function classOf(call: AutoCall): { key: string; work: number; probe: Probe<unknown> } {
  const probe = (ASYNC_PROBES as Record<string, Probe<unknown>>)[call.kernel] ?? (SYNC_PROBES as Record<string, Probe<unknown>>)[call.kernel];
  const work = 4 ** sizeClass(probe, call.work);
  return { key: `${call.kernel}|${work}|${call.threads}`, work, probe };
}

const isSync = (k: AutoKernel): k is SyncKernel => (SYNC_KERNELS as readonly string[]).includes(k);

/**
 * The backend for an async kernel call: a name at once when known, otherwise a promise that
 * settles after this size class has been measured (once per process; concurrent calls share it).
 */
export function autoBackend(call: AutoCall | undefined): Concrete | Promise<Concrete> {
  const pick = autoBackendUnnoted(call);
  if (!call) return pick;
  if (typeof pick === 'string') return noted(call, pick);
  return pick.then((b) => noted(call, b));
}

function noted(call: AutoCall, b: Concrete): Concrete {
  last.set(call.kernel, b);
  return b;
}

/** The backend the last 'auto' call of this kernel ran on (what the bench's auto rows show). */
export function lastAutoChoice(kernel: AutoKernel): Concrete | undefined {
  return last.get(kernel);
}

function autoBackendUnnoted(call: AutoCall | undefined): Concrete | Promise<Concrete> {
  const fixed = envChoice(false) ?? (call ? undefined : orderChoice('no kernel named'));
  if (fixed) return fixed.backend;
  const { key, work, probe } = classOf(call!);
  const known = decisions.get(key) ?? fromDisk(key, probe);
  if (known) {
    decisions.set(key, known);
    // An addon that was available when measured stays loaded: the choice stays valid.
    return known.backend;
  }
  if (isSync(call!.kernel)) return autoBackendSync(call!);
  let p = pending.get(key);
  if (!p) {
    p = measureAsync(call!.kernel as AsyncKernel, work, call!.threads)
      .then((d) => remember(key, d))
      .finally(() => pending.delete(key));
    pending.set(key, p);
  }
  return p.then((d) => d.backend);
}

/** The backend for a sync kernel call, measured synchronously (among backends with sync forms) when new. */
export function autoBackendSync(call: AutoCall | undefined): Concrete {
  const fixed = envChoice(true) ?? (call ? undefined : orderChoice('no kernel named'));
  if (fixed) return call ? noted(call, fixed.backend) : fixed.backend;
  const { key, work, probe } = classOf(call!);
  let d = decisions.get(key) ?? fromDisk(key, probe);
  if (!d) d = remember(key, measureSync(call!.kernel as SyncKernel, work, call!.threads));
  else decisions.set(key, d);
  return noted(call!, d.backend);
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
    const measured = [...decisions.entries()].filter(([k]) => k.startsWith(`${kernel}|`)).map(([, d]) => d)
      .sort((a, b) => a.work - b.work || a.threads - b.threads);
    const list = measured.map((d) => ({ work: d.work, threads: d.threads, backend: d.backend, ms: d.ms }));
    if (fixed) out[kernel] = { ...fixed, measured: list };
    else if (measured.length) {
      const d = measured[measured.length - 1];
      out[kernel] = { backend: d.backend, reason: d.reason, measured: list };
    } else {
      const guess = orderChoice('not measured yet in this process (measured on the first call); until then');
      out[kernel] = { ...guess, measured: [] };
    }
  }
  return out;
}

/** Measures every kernel at its largest size class (what `multicore info` shows); returns describeAuto(). */
export async function calibrateAuto(threads = defaultThreads()): Promise<Record<AutoKernel, AutoDescription>> {
  for (const kernel of ASYNC_KERNELS) await autoBackend({ kernel, work: Infinity, threads });
  for (const kernel of SYNC_KERNELS) autoBackendSync({ kernel, work: Infinity, threads });
  return describeAuto();
}

/** Forgets every measurement of this process (for tests); the disk cache is left alone. */
export function resetAuto(): void {
  decisions.clear();
}
