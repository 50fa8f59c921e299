// The part of 'auto' that settles a choice on the user's own calls (pure logic, no timing here).
//
// A probe (auto.ts) measures a small input. For a call much larger than the probe, two backends
// whose probe times were close can rank the other way round at the call's size (sort: one radix
// sort wins at 2^18 keys, the other at 2^21; countPrimes: per-call costs decide at 4^11, the
// sieve itself at 10^8). So when the call is larger than what the probe measured, the contenders
// (every candidate within RACE_MARGIN of the probe's best) take turns on the real calls of that
// size class, RACE_SAMPLES timed calls each (up to RACE_MAX_SAMPLES for near ties) after
// RACE_WARMUP that do not count, and the one with the lowest median then serves every later call.
// A turn is RACE_TURN calls of one
// contender and only its last is timed: the first call after a switch finds the contender's pool
// threads asleep (the other's turn outlasted their spin), which later back-to-back calls of the
// winner never do. Timing every call made C++ ×1 beat
// C++ ×2 on sumSquares (8·10⁶ elements) here although ×2 is 1.35× faster call after call: each ×2
// call woke two sleeping threads.
// Only a call that ran alone (no other 'auto' call in flight) counts: concurrent calls share the
// cores and would time each other. If calls keep overlapping, the race gives up after
// RACE_PATIENCE rounds of picks and keeps the probe's best. Every contender computes the same
// result (SPEC.md: bit-identical across backends and thread counts), so only the speed varies.
import type { Concrete } from './auto-kernels.js';
import { median } from '../util/median.js';
import { rng } from '../util/random.js';

/** A backend at a thread count: what 'auto' picks. */
export interface Candidate {
  backend: Concrete;
  threads: number;
}

/** How a candidate is named in times and reasons: `rust`, or `rust×1` when it uses fewer threads than asked. */
export function labelOf(c: Candidate, asked: number): string {
  return c.threads === asked ? c.backend : `${c.backend}×${c.threads}`;
}

export function parseLabel(label: string, asked: number): Candidate {
  const [backend, t] = label.split('×');
  return { backend: backend as Concrete, threads: t ? Number(t) : asked };
}

/**
 * Each contender's first timed calls of a race are not samples. The first rounds of a race are
 * the process's (or the call size's) first calls, and ran slow and uneven here (matmul 400² ×2:
 * 2.5-5 ms a call, then 1.8-2.3): judged on its first five rounds, the race picked the backend
 * that was 3-14% slower over the next twenty in 7 of 10 processes; after four warm-up rounds,
 * in 1 of 10, a near tie (1%). The price: 4 more turns of each contender, once per size class.
 */
export const RACE_WARMUP = 4;

/** A candidate within this factor of the probe's best races on real calls. */
export const RACE_MARGIN = 2;
/**
 * Timed calls per contender; their median counts. Not the best: a backend whose calls vary widely
 * (C++ countPrimes ×1 measured 3 to 14 ms from call to call on a 2-core VM, Rust 2.8 to 6.8) would
 * win on one lucky call and then serve every later call at its typical, slower time.
 */
export const RACE_SAMPLES = 5;
/**
 * Contenders whose medians are then within this factor of the best keep racing, up to
 * RACE_MAX_SAMPLES timed calls each: a near tie decided on five calls each picked the slower of
 * two backends 11-18% apart in later side-by-side timing (streaming kernels at two threads). The
 * extra calls cost little: they go to backends this close to the best.
 */
export const RACE_CLOSE = 1.15;
export const RACE_MAX_SAMPLES = 11;
/** Calls per turn; the last one is timed. */
export const RACE_TURN = 2;
/** Rounds of turns (contenders × this) before a race that never got solo calls gives up. */
export const RACE_PATIENCE = RACE_WARMUP + RACE_MAX_SAMPLES + 2;

/** The contender for one call, and whether that call is timed (the last of its turn). */
export interface Turn {
  label: string;
  timed: boolean;
}

/** The labels within `margin` of the fastest, fastest first (at least the fastest one). */
export function contendersOf(ms: Record<string, number>, margin = RACE_MARGIN): string[] {
  const ranked = Object.entries(ms)
    .filter(([, t]) => Number.isFinite(t))
    .sort((a, b) => a[1] - b[1]);
  if (!ranked.length) return [];
  return ranked.filter(([, t]) => t <= ranked[0][1] * margin).map(([l]) => l);
}

export type RaceState =
  | { done: false }
  | { done: true; winner: string; ms: Record<string, number>; samples: Record<string, number>; gaveUp: boolean };

/**
 * Round-robin turns over the contenders until each has RACE_WARMUP + RACE_SAMPLES solo timings
 * (the first RACE_WARMUP are not samples); then those
 * within RACE_CLOSE of the best median go on to RACE_MAX_SAMPLES; the lowest median wins.
 */
export class Race {
  /** Samples: timed solo calls after the warm-up. */
  private readonly times: Map<string, number[]>;
  /** Timed solo calls, warm-up included: who is due next. */
  private readonly timedCalls: Map<string, number>;
  /** The contenders still taking turns. */
  private live: string[];
  private handed = 0;
  private turn = { label: '', calls: RACE_TURN };
  private readonly coin = rng(0x7ace);
  private settled: RaceState = { done: false };

  /** `contenders`: fastest (by the probe) first; that one is kept if the race gives up. */
  constructor(readonly contenders: string[]) {
    this.times = new Map(contenders.map((c) => [c, []]));
    this.timedCalls = new Map(contenders.map((c) => [c, 0]));
    this.live = [...contenders];
    if (contenders.length <= 1) this.settle(false);
  }

  get state(): RaceState {
    return this.settled;
  }

  /**
   * The contender for the next call: the current turn's until it has had RACE_TURN calls, then
   * the one with the fewest timings. Ties go in probe order the first time round and at random
   * after that, so that a cost recurring every few calls (a garbage collection after so many
   * allocations) cannot land on the same contender's timed calls round after round. Once settled,
   * the winner, untimed.
   */
  next(): Turn {
    if (this.settled.done) return { label: this.settled.winner, timed: false };
    this.handed++;
    if (this.handed > this.contenders.length * RACE_PATIENCE * RACE_TURN) return { label: this.settle(true), timed: false };
    if (this.turn.calls >= RACE_TURN) {
      const fewest = Math.min(...this.live.map((c) => this.timedCalls.get(c)!));
      const due = this.live.filter((c) => this.timedCalls.get(c) === fewest);
      const pick = fewest === 0 ? due[0] : due[Math.floor(this.coin() * due.length)];
      this.turn = { label: pick, calls: 0 };
    }
    this.turn.calls++;
    return { label: this.turn.label, timed: this.turn.calls === RACE_TURN };
  }

  /** One finished timed call of `label` that took `ms`; `solo`: no other 'auto' call overlapped it. */
  record(label: string, ms: number, solo: boolean): void {
    if (this.settled.done || !solo || !this.times.has(label)) return;
    const n = this.timedCalls.get(label)! + 1;
    this.timedCalls.set(label, n);
    if (n <= RACE_WARMUP) return;
    const t = this.times.get(label)!;
    if (t.length < RACE_MAX_SAMPLES) t.push(ms);
    const counts = this.live.map((c) => this.times.get(c)!.length);
    if (Math.min(...counts) < RACE_SAMPLES) return;
    const med = new Map(this.live.map((c) => [c, median(this.times.get(c)!)]));
    const best = Math.min(...med.values());
    this.live = this.live.filter((c) => med.get(c)! <= best * RACE_CLOSE);
    if (this.live.length === 1 || this.live.every((c) => this.times.get(c)!.length >= RACE_MAX_SAMPLES)) this.settle(false);
  }

  /** Ends the race; returns the winner. */
  private settle(gaveUp: boolean): string {
    const best: Record<string, number> = {};
    const samples: Record<string, number> = {};
    for (const [c, t] of this.times) {
      if (!t.length) continue;
      best[c] = median(t);
      samples[c] = t.length;
    }
    const ranked = Object.entries(best).sort((a, b) => a[1] - b[1]);
    const winner = gaveUp || !ranked.length ? this.contenders[0] : ranked[0][0];
    this.settled = { done: true, winner, ms: best, samples, gaveUp };
    return winner;
  }
}
