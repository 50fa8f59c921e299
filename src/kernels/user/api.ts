// The public shapes of defineKernel: what a kernel is defined from, the options a call takes, and
// the kernel object it returns. The forms themselves take the FormRequest of types.ts.
import type { WasmModule, WasmMemory } from './wasm-api.js';
import type { KernelArg, NativeKernelSource } from './types.js';

/** Which form runs a call: 'auto' = native if given and loadable, else wasm, else workers, else js. */
export type UserKernelBackend = 'auto' | 'js' | 'workers' | 'wasm' | 'native';
export type UserKernelForm = Exclude<UserKernelBackend, 'auto'>;

/** A JS chunk: works on items [start, end); for reduce it returns the chunk's partial (a number). */
export type JsChunkFunction = (start: number, end: number, ...args: any[]) => unknown;

/**
 * The JS form: an export of an ES module (a path, absolute or relative to the working directory, or a
 * URL such as `new URL('./kernels.mjs', import.meta.url)`; the workers import it), or a self-contained
 * function (sent to the workers by source, so it must not use outer variables; a closure still runs
 * on the main thread with backend 'js').
 */
export type JsKernelSource = JsChunkFunction | { module: string | URL; name: string };

/** A .wasm file (path, relative to the working directory, or file: URL), its bytes, or a compiled module (which needs `memory` given). */
export type WasmBinary = string | URL | ArrayBuffer | ArrayBufferView | WasmModule;

/**
 * The WebAssembly form: a module importing a shared memory as `env.memory` and exporting the chunk
 * function under the kernel's name (or `export`). `memory`: use this shared memory instead of
 * creating one from the module's declared limits (then several kernels can share their arrays).
 */
export type WasmKernelSource = WasmBinary | { source: WasmBinary; export?: string; memory?: WasmMemory };

export interface KernelDefinition {
  /** Names the kernel in errors, and the wasm export / native symbol by default. */
  name: string;
  js?: JsKernelSource;
  wasm?: WasmKernelSource;
  /** A shared library path, or { path, symbol }. */
  native?: string | NativeKernelSource;
  /** How reduce combines two partials, in chunk order (left fold from the first partial). Default: a + b from 0. */
  combine?: (a: number, b: number) => number;
}

export interface UserKernelOptions {
  backend?: UserKernelBackend;
  /** Threads for 'workers', 'wasm' and 'native' (1..256); default: all cores. 'js' runs on the main thread. */
  threads?: number;
  /** Items per chunk; default ceil(length / 1024). Results depend on it (never on threads). */
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (fractionDone: number) => void;
}

export type FormAvailability = { available: true } | { available: false; reason: string };

/** A typed-array constructor a kernel argument may be made with. */
export type KernelArrayConstructor<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number };

export interface UserKernel {
  readonly name: string;
  /** The forms this kernel was defined with ('workers' whenever 'js' is), in the order 'auto' tries them. */
  readonly forms: readonly UserKernelForm[];
  /** Parallel for over [0, length): every chunk [start, end) gets the same args. */
  run(length: number, args?: readonly KernelArg[], options?: UserKernelOptions): Promise<void>;
  /** Each chunk returns a partial; partials combined in chunk order: the same bits at any thread count. */
  reduce(length: number, args?: readonly KernelArg[], options?: UserKernelOptions): Promise<number>;
  /** Whether each form can run here, and why not. */
  availability(): Promise<Record<UserKernelForm, FormAvailability>>;
  /** The form a call with this backend would use ('auto' resolved), or a rejection saying why none. */
  resolveBackend(backend?: UserKernelBackend): Promise<UserKernelForm>;
  /** An array in the wasm form's shared memory: passed to the wasm form without a copy. Zero-filled. */
  array<T extends ArrayBufferView>(type: KernelArrayConstructor<T>, length: number): T;
  /** Gives back an array made by array(); using it after that is a bug (the memory is reused). */
  free(array: ArrayBufferView): void;
  /** The wasm form's shared memory (created on first use), or undefined for a kernel without wasm. */
  readonly wasmMemory: WasmMemory | undefined;
}
