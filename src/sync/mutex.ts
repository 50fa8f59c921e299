// The three-state futex mutex of Ulrich Drepper's "Futexes Are Tricky" (mutex #3), over one
// Int32 word: 0 = unlocked, 1 = locked with no waiter, 2 = locked and maybe waiters.
// Used by Lock, RLock and the Queue's internal lock.
import { remaining, waitAsync, waitSync, notify } from './wait.js';

/**
 * Owner-death detection for locks shared between processes (PROCESSES.md): a waiter sleeps in
 * slices of OWNER_CHECK_MS and, when the holder's process is gone, takes the lock over (one
 * waiter wins the claim; the word stays "contended" so its release wakes the next).
 */
export interface OwnerCheck {
  /** The holder's pid (0: none recorded). */
  pid(): number;
  /** Records this process as holder in place of the dead `pid`; false when another waiter claimed first. */
  claim(pid: number): boolean;
}
export const OWNER_CHECK_MS = 200;

/** Whether the process `pid` still runs (EPERM: it runs, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tookOver(i32: Int32Array, i: number, owner: OwnerCheck): boolean {
  const pid = owner.pid();
  if (pid === 0 || pid === process.pid || processAlive(pid) || !owner.claim(pid)) return false;
  Atomics.store(i32, i, CONTENDED);
  return true;
}

export const UNLOCKED = 0;
export const LOCKED = 1;
export const CONTENDED = 2;

/** One attempt, never waits. */
export function tryLock(i32: Int32Array, i: number): boolean {
  return Atomics.compareExchange(i32, i, UNLOCKED, LOCKED) === UNLOCKED;
}

/** Blocks the thread until locked or `deadline` (performance.now() based) passes; true when locked. */
export function lockSync(i32: Int32Array, i: number, deadline: number, owner?: OwnerCheck): boolean {
  let c = Atomics.compareExchange(i32, i, UNLOCKED, LOCKED);
  if (c === UNLOCKED) return true;
  // Mark contended; if it was unlocked in between, the exchange took it.
  if (c !== CONTENDED) c = Atomics.exchange(i32, i, CONTENDED);
  while (c !== UNLOCKED) {
    const left = remaining(deadline);
    if (left <= 0) return false;
    waitSync(i32, i, CONTENDED, owner ? Math.min(left, OWNER_CHECK_MS) : left);
    c = Atomics.exchange(i32, i, CONTENDED); // a woken waiter always re-tries before giving up
    if (c !== UNLOCKED && owner && tookOver(i32, i, owner)) return true;
  }
  return true;
}

/** Like lockSync without blocking the thread. */
export async function lockAsync(i32: Int32Array, i: number, deadline: number, signal?: AbortSignal, owner?: OwnerCheck): Promise<boolean> {
  let c = Atomics.compareExchange(i32, i, UNLOCKED, LOCKED);
  if (c === UNLOCKED) return true;
  if (c !== CONTENDED) c = Atomics.exchange(i32, i, CONTENDED);
  while (c !== UNLOCKED) {
    const left = remaining(deadline);
    if (left <= 0) return false;
    await waitAsync(i32, i, CONTENDED, owner ? Math.min(left, OWNER_CHECK_MS) : left, signal);
    c = Atomics.exchange(i32, i, CONTENDED);
    if (c !== UNLOCKED && owner && tookOver(i32, i, owner)) return true;
  }
  return true;
}

/** Unlocks; returns false (and changes nothing) when it was not locked. */
export function unlock(i32: Int32Array, i: number): boolean {
  for (;;) {
    const prev = Atomics.load(i32, i);
    if (prev === UNLOCKED) return false;
    if (Atomics.compareExchange(i32, i, prev, UNLOCKED) !== prev) continue; // 1 -> 2 by a new waiter
    if (prev === CONTENDED) notify(i32, i, 1);
    return true;
  }
}
