// setTimeout for any delay. Node clamps a delay of 2^31 ms or more (about 24.8 days) to 1 ms, so
// `setTimeout(fn, 2 ** 31)` fires at once: a long delay is waited out in slices that re-arm.
// Infinity never fires. Used wherever a user's milliseconds become a timer (job timeouts, map's
// deadline, connect timeouts).

/** The longest delay Node's timers take as given. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LongTimer {
  clear(): void;
  /** Lets the process exit while only this timer is pending. */
  unref(): LongTimer;
}

export function setLongTimeout(fn: () => void, ms: number): LongTimer {
  let timer: NodeJS.Timeout | undefined;
  let ref = true;
  const due = Date.now() + ms;
  const arm = (left: number) => {
    if (left === Infinity) return;
    timer = setTimeout(
      () => {
        const rest = due - Date.now();
        if (left > MAX_TIMER_MS && rest > 0) arm(rest);
        else fn();
      },
      Math.max(0, Math.min(left, MAX_TIMER_MS)),
    );
    if (!ref) timer.unref();
  };
  arm(ms);
  const handle: LongTimer = {
    clear: () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    unref: () => {
      ref = false;
      timer?.unref();
      return handle;
    },
  };
  return handle;
}
