// The three-state futex mutex of Ulrich Drepper's "Futexes Are Tricky" (mutex #3), over one
// Int32 word: 0 = unlocked, 1 = locked with no waiter, 2 = locked and maybe waiters.
// Used by Lock, RLock and the Queue's internal lock.
import { remaining, waitAsync, waitSync } from './wait.js';

export const UNLOCKED = 0;
export const LOCKED = 1;
export const CONTENDED = 2;

/** One attempt, never waits. */
export function tryLock(i32: Int32Array, i: number): boolean {
  return Atomics.compareExchange(i32, i, UNLOCKED, LOCKED) === UNLOCKED;
}

/** Blocks the thread until locked or `deadline` (performance.now() based) passes; true when locked. */
export function lockSync(i32: Int32Array, i: number, deadline: number): boolean {
  let c = Atomics.compareExchange(i32, i, UNLOCKED, LOCKED);
  if (c === UNLOCKED) return true;
  // Mark contended; if it was unlocked in between, the exchange took it.
  if (c !== CONTENDED) c = Atomics.exchange(i32, i, CONTENDED);
  while (c !== UNLOCKED) {
    const left = remaining(deadline);
    if (left <= 0) return false;
    waitSync(i32, i, CONTENDED, left);
    c = Atomics.exchange(i32, i, CONTENDED); // a woken waiter always re-tries before giving up
  }
  return true;
}

/** Like lockSync without blocking the thread. */
export async function lockAsync(i32: Int32Array, i: number, deadline: number, signal?: AbortSignal): Promise<boolean> {
  let c = Atomics.compareExchange(i32, i, UNLOCKED, LOCKED);
  if (c === UNLOCKED) return true;
  if (c !== CONTENDED) c = Atomics.exchange(i32, i, CONTENDED);
  while (c !== UNLOCKED) {
    const left = remaining(deadline);
    if (left <= 0) return false;
    await waitAsync(i32, i, CONTENDED, left, signal);
    c = Atomics.exchange(i32, i, CONTENDED);
  }
  return true;
}

/** Unlocks; returns false (and changes nothing) when it was not locked. */
export function unlock(i32: Int32Array, i: number): boolean {
  for (;;) {
    const prev = Atomics.load(i32, i);
    if (prev === UNLOCKED) return false;
    if (Atomics.compareExchange(i32, i, prev, UNLOCKED) !== prev) continue; // 1 -> 2 by a new waiter
    if (prev === CONTENDED) Atomics.notify(i32, i, 1);
    return true;
  }
}
