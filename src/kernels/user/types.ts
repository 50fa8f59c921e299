// The contract between defineKernel (src/kernels/user/define-kernel.ts) and the forms that run a user
// kernel: js (main thread), workers (JS across worker threads), wasm (a user .wasm on all cores) and
// native (a user shared library on the C++ pool). Each form module exports one `run…Form` function that
// takes a FormRequest and settles with the chunk partials (reduce) or undefined (run).
//
// Chunking is fixed by (length, chunkSize) alone: chunk i covers [i*chunkSize, min(length, (i+1)*chunkSize)).
// So partials, combined in chunk order, give the same bits at any thread count.

/** What a user kernel may take as arguments, in the same order for every form. */
export type KernelArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
export type KernelArg = KernelArray | number;

export interface FormRequest {
  /** The kernel's name, for error messages ("kernel 'blur': …"). */
  name: string;
  /** Parallel for over [0, length). */
  length: number;
  args: readonly KernelArg[];
  /** Threads to use (>= 1, already validated and capped). */
  threads: number;
  /** Items per chunk (>= 1, already validated). */
  chunkSize: number;
  /** true: every chunk returns a number partial and the form resolves with all partials in chunk order. */
  reduce: boolean;
  signal?: AbortSignal;
  /** Called on the JS thread with the fraction of chunks done, at most ~20 times a second. */
  onProgress?: (fractionDone: number) => void;
}

/** Resolves with one partial per chunk, in chunk order, when request.reduce; otherwise undefined.
 *  Rejects with an AbortError when the signal aborts (every thread stops within one chunk), and with
 *  a UserKernelError naming the kernel when a chunk throws, traps or returns a non-zero status. */
export type FormResult = Promise<Float64Array | undefined>;

/** Where a native form lives: a shared library path and the exported symbol (default: the kernel's name). */
export interface NativeKernelSource {
  path: string;
  symbol?: string;
}
