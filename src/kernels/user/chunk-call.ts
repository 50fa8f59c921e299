// Calls one JS chunk and checks what it returned: the same rules on the main thread and in a worker.
import type { JsChunkFunction } from './api.js';
import type { KernelArg } from './types.js';

/** Why a chunk's result is wrong, or undefined when it is fine. */
export function badResult(result: unknown, reduce: boolean): string | undefined {
  if (reduce) {
    return typeof result === 'number'
      ? undefined
      : `reduce needs every chunk to return a number (its partial), got ${result === null ? 'null' : typeof result}`;
  }
  if (
    result !== null &&
    (typeof result === 'object' || typeof result === 'function') &&
    typeof (result as { then?: unknown }).then === 'function'
  ) {
    return 'a chunk function must be synchronous (it returned a promise)';
  }
  return undefined;
}

/** Runs chunk c; throws a plain Error describing a bad result (the caller wraps it with the kernel's name). */
export function callChunk(
  fn: JsChunkFunction,
  c: number,
  length: number,
  chunkSize: number,
  args: readonly KernelArg[],
  reduce: boolean,
  partials: Float64Array | undefined,
): void {
  const start = c * chunkSize;
  const end = Math.min(length, start + chunkSize);
  const result = fn(start, end, ...args);
  const bad = badResult(result, reduce);
  if (bad) throw new ChunkResultError(`chunk [${start}, ${end}): ${bad}`);
  if (partials) partials[c] = result as number;
}

export class ChunkResultError extends Error {}

/** The message a failed chunk is reported with. */
export function chunkFailure(err: unknown, c: number, chunkSize: number, length: number): string {
  if (err instanceof ChunkResultError) return err.message;
  const start = c * chunkSize;
  const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `chunk [${start}, ${Math.min(length, start + chunkSize)}) threw ${msg}`;
}
