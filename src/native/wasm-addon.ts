// Adapts the raw wasm binding to the NativeAddon interface. The kernels can only read wasm
// memory, so every call copies its typed arrays into blocks of that memory (wasmAlloc), passes
// views of those blocks (emnapi hands their address through, no hidden copy), copies the
// outputs back when the call succeeds and frees the blocks when it settles. Arguments that are
// not a valid array of the right kind are passed through untouched, so the binding throws the
// same TypeError / RangeError as the native addons. Cost: one memcpy in per input and one out
// per output, on the JS thread (about 1 ms per 8 MB here; see native/rust/WASM.md).
import type { NativeAddon } from './load.js';

/** The raw exports of multicore_rust.wasi.cjs: the NativeAddon functions plus wasm-only helpers. */
export interface WasmBinding extends NativeAddon {
  wasmAlloc(kind: 0 | 1 | 2, length: number): Float64Array | Uint32Array | Int32Array;
  wasmFree(address: number): void;
  setPoolThreads(threads: number): boolean;
  stats(): { helperChunks: number; poolThreads: number };
}

/** The wasm backend as the kernels see it, plus the scheduler counters (for tests and info). */
export interface WasmAddon extends NativeAddon {
  stats(): { helperChunks: number; poolThreads: number };
}

type Kind = 'Float64Array' | 'Uint32Array' | 'Int32Array';
type View = Float64Array | Uint32Array | Int32Array;
const KIND_CODE = { Float64Array: 0, Uint32Array: 1, Int32Array: 2 } as const;
const RELAY_MS = 10; // how often the control block is mirrored (cancel latency bound)

// %TypedArray%.prototype[@@toStringTag]: the real kind, also for arrays from another realm.
const tagOf = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)!.get as (
  this: unknown,
) => string | undefined;

function kindOf(v: unknown): string | undefined {
  return ArrayBuffer.isView(v) ? tagOf.call(v) : undefined;
}

/** The blocks of one call; everything is freed by `free()`. */
class Arena {
  private readonly blocks: number[] = [];
  private readonly copies = new Map<unknown, View>();
  constructor(private readonly raw: WasmBinding) {}

  alloc(kind: Kind, length: number): View {
    const view = this.raw.wasmAlloc(KIND_CODE[kind], length) as View;
    this.blocks.push(view.byteOffset);
    return view;
  }

  /**
   * The wasm-side stand-in for argument `v` if it is an array of `kind`, else `v` itself.
   * Views of the same memory range share one block (square in place, matmul(a, a)).
   */
  place(v: unknown, kind: Kind, copyIn: boolean): unknown {
    if (kindOf(v) !== kind) return v;
    const view = v as View;
    if (view.length === 0) {
      // A detached array goes through, so the binding reports it; an empty view of a
      // non-empty buffer must not make emnapi copy that whole buffer.
      return view.buffer.byteLength === 0 ? view : new (view.constructor as new (n: number) => View)(0);
    }
    for (const [other, copy] of this.copies) {
      if (sameRange(other as View, view)) return copy;
    }
    const copy = this.alloc(kind, view.length);
    if (copyIn) copy.set(view);
    this.copies.set(view, copy);
    return copy;
  }

  free(): void {
    for (const address of this.blocks.splice(0)) this.raw.wasmFree(address);
    this.copies.clear();
  }
}

function sameRange(a: View, b: View): boolean {
  return a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.byteLength === b.byteLength;
}

function overlaps(a: unknown, b: unknown): boolean {
  if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/** Copies `copy` back into `target` (if the target still has its length). */
function copyOut(target: unknown, copy: unknown): void {
  if (target === copy || !ArrayBuffer.isView(target) || !ArrayBuffer.isView(copy)) return;
  const t = target as View;
  if (t.length === (copy as View).length) t.set(copy as View);
}

/**
 * The control block lives in JS memory the kernel cannot see: a wasm-side block is mirrored
 * every RELAY_MS (cancel flag in, progress counters out) while the call runs.
 */
function relayControl(arena: Arena, control: unknown): { arg: unknown; stop(): void } {
  if (kindOf(control) !== 'Int32Array' || (control as Int32Array).length < 4) return { arg: control, stop() {} };
  const js = control as Int32Array;
  const wasm = arena.alloc('Int32Array', 4) as Int32Array;
  wasm.set(js.subarray(0, 4));
  const sync = () => {
    if (Atomics.load(js, 0) !== 0) Atomics.store(wasm, 0, Atomics.load(js, 0));
    Atomics.store(js, 2, Atomics.load(wasm, 2));
    Atomics.store(js, 1, Atomics.load(wasm, 1));
  };
  const timer = setInterval(sync, RELAY_MS);
  timer.unref();
  const stop = (): void => {
    clearInterval(timer);
    sync();
  };
  return { arg: wasm, stop };
}

/**
 * Runs an async call with its arena: argument errors throw synchronously (as from the native
 * addons); outputs are copied back on success; the blocks are freed when the call settles.
 */
function withArena<T>(
  raw: WasmBinding,
  control: unknown,
  start: (arena: Arena, control: unknown) => { promise: Promise<T>; outputs: [unknown, unknown][] },
): Promise<T> {
  const arena = new Arena(raw);
  const relay = relayControl(arena, control);
  const done = () => {
    relay.stop();
    arena.free();
  };
  let started: { promise: Promise<T>; outputs: [unknown, unknown][] };
  try {
    started = start(arena, relay.arg);
  } catch (err) {
    done();
    throw err;
  }
  return started.promise.then(
    (result) => {
      for (const [target, copy] of started.outputs) copyOut(target, copy);
      done();
      return result;
    },
    (err) => {
      done();
      throw err;
    },
  );
}

function withArenaSync<T>(raw: WasmBinding, run: (arena: Arena) => T): T {
  const arena = new Arena(raw);
  try {
    return run(arena);
  } finally {
    arena.free();
  }
}

export function wrapWasmBinding(raw: WasmBinding): WasmAddon {
  return {
    sumSquares: (x, threads, control) =>
      withArena(raw, control, (a, c) => ({
        promise: raw.sumSquares(a.place(x, 'Float64Array', true) as Float64Array, threads, c as Int32Array),
        outputs: [],
      })),
    sumSquaresSync: (x, threads) =>
      withArenaSync(raw, (a) => raw.sumSquaresSync(a.place(x, 'Float64Array', true) as Float64Array, threads)),
    square: (x, out, threads, control) =>
      withArena(raw, control, (a, c) => {
        // A partial overlap goes through as is: the binding rejects it with its RangeError.
        const partial = overlaps(x, out) && !sameRange(x as View, out as View);
        const wx = partial ? x : a.place(x, 'Float64Array', true);
        const wo = partial ? out : a.place(out, 'Float64Array', false);
        return { promise: raw.square(wx as Float64Array, wo as Float64Array, threads, c as Int32Array), outputs: [[out, wo]] };
      }),
    squareSync: (x, out, threads) =>
      withArenaSync(raw, (a) => {
        const partial = overlaps(x, out) && !sameRange(x as View, out as View);
        const wx = partial ? x : a.place(x, 'Float64Array', true);
        const wo = partial ? out : a.place(out, 'Float64Array', false);
        raw.squareSync(wx as Float64Array, wo as Float64Array, threads);
        copyOut(out, wo);
      }),
    countPrimes: (limit, threads, control) =>
      withArena(raw, control, (_a, c) => ({ promise: raw.countPrimes(limit, threads, c as Int32Array), outputs: [] })),
    mandelbrot: (out, width, height, maxIter, xMin, xMax, yMin, yMax, threads, control) =>
      withArena(raw, control, (a, c) => {
        const wo = a.place(out, 'Uint32Array', false) as Uint32Array;
        return {
          promise: raw.mandelbrot(wo, width, height, maxIter, xMin, xMax, yMin, yMax, threads, c as Int32Array),
          outputs: [[out, wo]],
        };
      }),
    monteCarloPi: (samples, seed, threads, control) =>
      withArena(raw, control, (_a, c) => ({ promise: raw.monteCarloPi(samples, seed, threads, c as Int32Array), outputs: [] })),
    matmul: (x, y, out, m, k, n, threads, control) =>
      withArena(raw, control, (a, c) => {
        // out overlapping a or b goes through as is: the binding rejects it with its RangeError.
        const bad = overlaps(out, x) || overlaps(out, y);
        const wa = bad ? x : a.place(x, 'Float64Array', true);
        const wb = bad ? y : a.place(y, 'Float64Array', true);
        const wo = bad ? out : a.place(out, 'Float64Array', false);
        return {
          promise: raw.matmul(wa as Float64Array, wb as Float64Array, wo as Float64Array, m, k, n, threads, c as Int32Array),
          outputs: [[out, wo]],
        };
      }),
    sort: (x, threads, control) =>
      withArena(raw, control, (a, c) => {
        const wx = a.place(x, 'Float64Array', true);
        return { promise: raw.sort(wx as Float64Array, threads, c as Int32Array), outputs: [[x, wx]] };
      }),
    info: () => {
      const i = raw.info();
      return { ...i, simd: [...i.simd] };
    },
    stats: () => raw.stats(),
  };
}
