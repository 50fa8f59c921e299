// Calls one wasm chunk and reads its result: the partial (reduce), or a status (run: an i32 return,
// non-zero is a failure). The same code on the main thread and in the workers.
import { WA } from './wasm-api.js';
import { ChunkResultError, chunkFailure } from './chunk-call.js';
import { KernelAbort } from './wasm-imports.js';

export class WasmStatusError extends Error {
  constructor(
    readonly status: number,
    start: number,
    end: number,
  ) {
    super(`chunk [${start}, ${end}) returned status ${status}`);
  }
}

export type WasmChunkFn = (start: number, end: number, ...args: number[]) => unknown;

export function callWasmChunk(
  fn: WasmChunkFn,
  c: number,
  length: number,
  chunkSize: number,
  args: readonly number[],
  reduce: boolean,
  checkStatus: boolean,
  partials: Float64Array | undefined,
): void {
  const start = c * chunkSize;
  const end = Math.min(length, start + chunkSize);
  const r = fn(start, end, ...args);
  if (reduce) {
    if (typeof r !== 'number')
      throw new ChunkResultError(
        `chunk [${start}, ${end}): reduce needs the export to return the chunk's partial (an f64), got ${typeof r}`,
      );
    partials![c] = r;
  } else if (checkStatus && typeof r === 'number' && r !== 0) {
    throw new WasmStatusError(r, start, end);
  }
}

export function wasmFailure(err: unknown, c: number, chunkSize: number, length: number): { message: string; status?: number } {
  if (err instanceof WasmStatusError) return { message: err.message, status: err.status };
  const start = c * chunkSize;
  const range = `chunk [${start}, ${Math.min(length, start + chunkSize)})`;
  if (err instanceof WA.RuntimeError) return { message: `${range} trapped: ${err.message}` };
  if (err instanceof KernelAbort) return { message: `${range} called abort: ${err.message}` };
  return { message: chunkFailure(err, c, chunkSize, length) };
}
