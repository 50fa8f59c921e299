// Per-worker timer for the task it is running now: taskTimeoutMs, and the grace period after which a
// task that was aborted (timed out or cancelled) and is still running gets its worker terminated.
// Which task is running comes from Slot.running(), never from the head of the pool's FIFO alone: a
// thread batches its results, so the head may have finished long ago while a later task spins; a
// timeout must name the task that ran past its limit, and only that one.
import { State, type Future } from './future.js';
import type { Slot } from './slot.js';

export interface WatchdogHost {
  readonly taskTimeoutMs: number;
  readonly timeoutGraceMs: number;
  /** `f`, running on `s`, ran past taskTimeoutMs: fail it and raise its signal (sets f._abortedAt). */
  timedOut(s: Slot, f: Future<any>): void;
  /** An aborted task is still running after the grace period: terminate the worker. */
  kill(s: Slot): void;
}

/** Makes sure the slot is checked at `at` (performance.now() scale) at the latest. */
export function checkBy(host: WatchdogHost, s: Slot, at: number): void {
  if (at === Infinity || (s.timer && s.timerAt <= at)) return;
  if (s.timer) clearTimeout(s.timer);
  s.timerAt = at;
  s.timer = setTimeout(() => check(host, s), Math.max(0, at - performance.now()));
  s.timer.unref();
}

/** A task was handed to the worker (or became its head): its deadline is at most taskTimeoutMs away. */
export function taskStarted(host: WatchdogHost, s: Slot, now: number): void {
  checkBy(host, s, now + host.taskTimeoutMs);
}

/** A task held by the worker was aborted (cancel): check again once its grace period is over. */
export function taskAborted(host: WatchdogHost, s: Slot, now: number): void {
  checkBy(host, s, now + host.timeoutGraceMs);
}

export function stop(s: Slot): void {
  if (s.timer) clearTimeout(s.timer);
  s.timer = null;
  s.timerAt = Infinity;
}

function check(host: WatchdogHost, s: Slot): void {
  s.timer = null;
  s.timerAt = Infinity;
  if (s.retiring || s.inFlight === 0) return;
  const now = performance.now();
  const r = s.running();
  let next = now + host.taskTimeoutMs; // none begun yet: each begins after now
  if (r !== null) {
    const f = s.fifo.at(r.index)!;
    if (f._abortedAt > 0) {
      const due = Math.max(f._abortedAt, r.since) + host.timeoutGraceMs;
      if (now >= due) {
        host.kill(s);
        return;
      }
      next = due;
    } else if (host.taskTimeoutMs !== Infinity && f._state < State.Finished) {
      const due = r.since + host.taskTimeoutMs;
      if (now >= due) {
        host.timedOut(s, f);
        next = now + host.timeoutGraceMs;
      } else next = due;
    }
  }
  // an aborted task still ahead in this worker may begin later (a batch runs without reading messages)
  if (next === Infinity) {
    for (let i = r ? r.index + 1 : 0; i < s.inFlight; i++) {
      if (s.fifo.at(i)!._abortedAt > 0) {
        next = now + host.timeoutGraceMs;
        break;
      }
    }
  }
  checkBy(host, s, next);
}
