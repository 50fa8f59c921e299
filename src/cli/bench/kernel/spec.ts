// What `multicore bench --kernel FILE` reads: the module's default export, a KernelBenchSpec.
// Loaded and checked here, with errors that say which field is wrong.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { UserKernel } from '../../../kernels/user/api.js';
import type { KernelArg, KernelArray } from '../../../kernels/user/types.js';
import { UsageError } from '../../usage-error.js';

/** One kernel call: `kernel.run(length, args)` (or reduce); chunkSize overrides the spec's. */
export interface BenchCall {
  length: number;
  args: KernelArg[];
  chunkSize?: number;
}

/** Allocates an array every form can use without a copy (in the wasm form's memory when there is one). */
export type BenchAlloc = <T extends KernelArray>(
  type: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; BYTES_PER_ELEMENT: number },
  length: number,
) => T;

/** Another way to do the same work, timed and checked beside the kernel's forms (e.g. a built-in kernel). */
export interface BenchCompare {
  label: string;
  /** Why this row cannot run here (the row is shown as skipped), or undefined. */
  skip?: string;
  /** Does what the spec's calls do; resolves with what the last call's form would (reduce: the number). */
  run(calls: BenchCall[], options: { threads: number }): Promise<unknown>;
}

export interface KernelBenchSpec {
  /** A kernel from defineKernel(). */
  kernel: UserKernel;
  /** 'run' (default): time kernel.run; 'reduce': kernel.reduce, whose result is compared too. */
  mode?: 'run' | 'reduce';
  /** The sizes to run (passed to input); default [1 << 20]. */
  sizes?: number[];
  /** The sizes for --quick; default: the smallest of `sizes`. */
  quickSizes?: number[];
  /** Builds one iteration's calls for a size: one call or several in order (e.g. two blur passes). */
  input(size: number, alloc: BenchAlloc): BenchCall | BenchCall[];
  /** How a size is shown in the table (default: the number). */
  describe?(size: number): string;
  /** Items per chunk for every call (results depend on it, never on threads); default: defineKernel's. */
  chunkSize?: number;
  /** true (default): every form must give the JS form's bits (every array argument, and reduce's result). */
  exact?: boolean;
  /** Checks a form's result: return false or a message when it is wrong (also for the JS form). */
  check?(result: unknown, calls: BenchCall[], size: number): boolean | string | undefined;
  /** Other rows doing the same work (e.g. the built-in sumSquares), checked like the forms. */
  compare?: BenchCompare[];
}

function fail(file: string, message: string): never {
  throw new UsageError(`--kernel ${file}: ${message}`);
}

export async function loadSpec(file: string): Promise<KernelBenchSpec> {
  let mod: { default?: unknown };
  try {
    mod = await import(pathToFileURL(resolve(file)).href);
  } catch (err) {
    fail(file, `cannot import it: ${(err as Error).message}`);
  }
  const s = mod.default as Partial<KernelBenchSpec> | undefined;
  if (typeof s !== 'object' || s === null)
    fail(file, 'its default export must be an object { kernel, input(size, alloc), sizes?, check?, ... }');
  const k = s.kernel as Partial<UserKernel> | undefined;
  if (!k || typeof k.run !== 'function' || typeof k.reduce !== 'function' || !Array.isArray(k.forms)) {
    fail(file, 'default.kernel must be a kernel made by defineKernel()');
  }
  if (typeof s.input !== 'function') fail(file, 'default.input must be a function (size, alloc) => { length, args } or an array of them');
  if (s.mode !== undefined && s.mode !== 'run' && s.mode !== 'reduce')
    fail(file, `default.mode must be 'run' or 'reduce', got ${JSON.stringify(s.mode)}`);
  for (const key of ['sizes', 'quickSizes'] as const) {
    const v = s[key];
    if (v !== undefined && (!Array.isArray(v) || v.length === 0 || !v.every((n) => typeof n === 'number' && Number.isFinite(n) && n > 0))) {
      fail(file, `default.${key} must be a non-empty array of positive numbers`);
    }
  }
  if (s.chunkSize !== undefined && !(Number.isSafeInteger(s.chunkSize) && s.chunkSize >= 1))
    fail(file, 'default.chunkSize must be an integer >= 1');
  if (s.check !== undefined && typeof s.check !== 'function') fail(file, 'default.check must be a function (result, calls, size)');
  if (s.describe !== undefined && typeof s.describe !== 'function') fail(file, 'default.describe must be a function (size) => string');
  if (
    s.compare !== undefined &&
    (!Array.isArray(s.compare) || !s.compare.every((c) => c && typeof c.label === 'string' && typeof c.run === 'function'))
  ) {
    fail(file, 'default.compare must be an array of { label, run(calls, { threads }) }');
  }
  return s as KernelBenchSpec;
}

/** The calls input() made, checked. */
export function callsOf(file: string, made: unknown): BenchCall[] {
  const calls = Array.isArray(made) ? made : [made];
  if (!calls.length) fail(file, 'input() returned no calls');
  calls.forEach((c, i) => {
    if (typeof c !== 'object' || c === null || !Number.isSafeInteger(c.length) || c.length < 0 || !Array.isArray(c.args)) {
      fail(file, `input() call ${i} must be { length: integer >= 0, args: [...] }`);
    }
  });
  return calls as BenchCall[];
}
