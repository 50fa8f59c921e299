// A deadline for one step of a row (start, first run, timed runs, close).

/** How long a strategy's close() may take before the bench warns and moves on. */
export const CLOSE_TIMEOUT_MS = 10_000;

/** Rejects with a clear message when `p` takes longer than `ms`: a hung strategy fails its row, not the bench. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
