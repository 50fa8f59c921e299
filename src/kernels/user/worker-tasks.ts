// Runs inside the kernels' worker pool (../workers/run.ts): a user kernel's chunks, pulled one at a
// time from a shared counter (state[0]) until none is left, the call is cancelled (control[CANCEL])
// or another thread failed (state[1]). A failing chunk sets state[1] and returns what went wrong.
import { WA, type WasmModule, type WasmMemory } from './wasm-api.js';
import { CANCEL, DONE } from '../control.js';
import type { JsChunkFunction } from './api.js';
import { callChunk, chunkFailure } from './chunk-call.js';
import { compileSource, importExport, type JsDef } from './js-source.js';
import type { KernelArg } from './types.js';
import { callWasmChunk, wasmFailure, type WasmChunkFn } from './wasm-chunk.js';
import { wasmImports } from './wasm-imports.js';

export const NEXT = 0;
export const FAILED = 1;

/** What a task reports when one of its chunks failed (plain data: it crosses the thread boundary). */
export interface ChunkFailure {
  chunk: number;
  message: string;
  cause: { name: string; message: string; stack?: string };
  status?: number;
}

const MAX_CACHED = 64;
const fns = new Map<string, Promise<JsChunkFunction>>();

function chunkFunction(def: JsDef): Promise<JsChunkFunction> {
  const key = def.k === 0 ? `f:${def.src}` : `m:${def.url}#${def.name}`;
  let f = fns.get(key);
  if (!f) {
    if (fns.size >= MAX_CACHED) fns.clear();
    f = def.k === 0 ? Promise.resolve().then(() => compileSource(def.src)) : importExport(def.url, def.name);
    f.catch(() => fns.delete(key));
    fns.set(key, f);
  }
  return f;
}

export function causeOf(err: unknown): ChunkFailure['cause'] {
  return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { name: 'Error', message: String(err) };
}

/** Pulls chunks until none is left; `runOne(c)` runs chunk c (throws on failure). */
export function pullChunks(
  total: number,
  state: Int32Array,
  control: Int32Array,
  runOne: (c: number) => void,
  failure: (err: unknown, c: number) => ChunkFailure,
): ChunkFailure | undefined {
  for (;;) {
    if (Atomics.load(control, CANCEL) || Atomics.load(state, FAILED)) return undefined;
    const c = Atomics.add(state, NEXT, 1);
    if (c >= total) return undefined;
    try {
      runOne(c);
    } catch (err) {
      Atomics.store(state, FAILED, 1);
      return failure(err, c);
    }
    Atomics.add(control, DONE, 1);
  }
}

export async function userJsChunksTask(
  def: JsDef,
  length: number,
  chunkSize: number,
  args: KernelArg[],
  reduce: boolean,
  partials: Float64Array | null,
  state: Int32Array,
  control: Int32Array,
): Promise<ChunkFailure | undefined> {
  let fn: JsChunkFunction;
  try {
    fn = await chunkFunction(def);
  } catch (err) {
    Atomics.store(state, FAILED, 1);
    return {
      chunk: -1,
      message: `could not load the chunk function in a worker: ${String((err as Error)?.message ?? err)}`,
      cause: causeOf(err),
    };
  }
  const total = Math.ceil(length / chunkSize);
  return pullChunks(
    total,
    state,
    control,
    (c) => callChunk(fn, c, length, chunkSize, args, reduce, partials ?? undefined),
    (err, c) => ({ chunk: c, message: chunkFailure(err, c, chunkSize, length), cause: causeOf(err) }),
  );
}

// ---- wasm ------------------------------------------------------------------------------------------

const MAX_INSTANCES = 16;
/** One instance per kernel per worker, over the kernel's shared memory (kernel ids are unique per process). */
const instances = new Map<number, WasmChunkFn>();

function wasmChunkFunction(id: number, module: WasmModule, memory: WasmMemory, exportName: string): WasmChunkFn {
  let fn = instances.get(id);
  if (!fn) {
    if (instances.size >= MAX_INSTANCES) instances.delete(instances.keys().next().value!);
    const instance = new WA.Instance(module, wasmImports(memory));
    fn = instance.exports[exportName] as WasmChunkFn;
    instances.set(id, fn);
  }
  return fn;
}

export function userWasmChunksTask(
  id: number,
  module: WasmModule,
  memory: WasmMemory,
  exportName: string,
  length: number,
  chunkSize: number,
  args: number[],
  reduce: boolean,
  checkStatus: boolean,
  partials: Float64Array | null,
  state: Int32Array,
  control: Int32Array,
): ChunkFailure | undefined {
  let fn: WasmChunkFn;
  try {
    fn = wasmChunkFunction(id, module, memory, exportName);
  } catch (err) {
    Atomics.store(state, FAILED, 1);
    return {
      chunk: -1,
      message: `could not instantiate the module in a worker: ${String((err as Error)?.message ?? err)}`,
      cause: causeOf(err),
    };
  }
  const total = Math.ceil(length / chunkSize);
  return pullChunks(
    total,
    state,
    control,
    (c) => callWasmChunk(fn, c, length, chunkSize, args, reduce, checkStatus, partials ?? undefined),
    (err, c) => ({ chunk: c, ...wasmFailure(err, c, chunkSize, length), cause: causeOf(err) }),
  );
}
