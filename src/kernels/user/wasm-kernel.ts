// The 'wasm' form of one kernel: its module (loaded and checked on first use), its shared memory
// and the arrays in it, and a call: on the main thread for threads = 1 (time-sliced as the js form),
// else on the kernels' worker pool, each worker with its own instance over the same memory.
import { WA, type WasmModule, type WasmMemory, type WasmInstance } from './wasm-api.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withControl } from '../control.js';
import { runChunks } from '../js/chunks.js';
import type { FormAvailability, KernelArrayConstructor, WasmBinary, WasmKernelSource } from './api.js';
import { UserKernelError } from './errors.js';
import { fanOut } from './fan-out.js';
import { controlOptions } from './form-control.js';
import type { FormRequest, FormResult, KernelArg, KernelArray } from './types.js';
import { chunkTotal } from './validate.js';
import { readWasmInfo, type Signature, type WasmInfo } from './wasm-binary.js';
import { callWasmChunk, wasmFailure, type WasmChunkFn } from './wasm-chunk.js';
import { WasmHeap } from './wasm-heap.js';
import { bufferSpans, copySpan } from './buffer-spans.js';
import { unsupportedImports, wasmImports } from './wasm-imports.js';

const PAGE = 65536;
const KERNEL_ARRAYS: readonly (abstract new (...args: never[]) => unknown)[] = [
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
];
const NUMBER_TYPES = new Set(['i32', 'f32', 'f64']);
/** One heap per memory, so kernels given the same memory never hand out overlapping arrays. */
const heaps = new WeakMap<WasmMemory, WasmHeap>();
let nextId = 1;

interface Loaded {
  module: WasmModule;
  memory: WasmMemory;
  heap: WasmHeap;
  fn: WasmChunkFn;
  sig?: Signature;
}

function isBinary(v: unknown): boolean {
  return typeof v === 'string' || v instanceof URL || v instanceof ArrayBuffer || ArrayBuffer.isView(v) || v instanceof WA.Module;
}

function bytesOf(b: string | URL | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (typeof b === 'string') return readFileSync(b.startsWith('file:') ? fileURLToPath(b) : b);
  if (b instanceof URL) {
    if (b.protocol !== 'file:') throw new Error(`only file: URLs can be read, got ${b.href}`);
    return readFileSync(fileURLToPath(b));
  }
  if (b instanceof ArrayBuffer) return new Uint8Array(b);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** A relative path is taken from the working directory when the kernel is defined, not when first used. */
function absolute(b: WasmBinary): WasmBinary {
  return typeof b === 'string' && !b.startsWith('file:') ? resolve(b) : b;
}

export class WasmKernel {
  readonly id = nextId++;
  private readonly binary: WasmBinary;
  private readonly exportName: string;
  private readonly givenMemory?: WasmMemory;
  private loaded?: Loaded | { reason: string };

  constructor(
    readonly name: string,
    source: WasmKernelSource,
  ) {
    const spec = source as { source?: unknown; export?: unknown; memory?: unknown };
    // A plain object with `source` is the long form; anything else must be the binary itself.
    const long = typeof spec === 'object' && spec !== null && Object.getPrototypeOf(spec) === Object.prototype && 'source' in spec;
    if (!long) {
      if (!isBinary(source))
        throw new TypeError('wasm must be a .wasm path, a file URL, bytes, a WebAssembly.Module, or { source, export?, memory? }');
      this.binary = absolute(source as WasmBinary);
      this.exportName = name;
      return;
    }
    if (!isBinary(spec.source)) throw new TypeError('wasm.source must be a .wasm path, a file URL, bytes or a WebAssembly.Module');
    const { export: exportName = name, memory } = spec;
    if (typeof exportName !== 'string' || exportName === '') throw new TypeError('wasm.export must be a non-empty string');
    if (memory !== undefined && !(memory instanceof WA.Memory && (memory as WasmMemory).buffer instanceof SharedArrayBuffer)) {
      throw new TypeError('wasm.memory must be a shared WebAssembly.Memory (new WebAssembly.Memory({ initial, maximum, shared: true }))');
    }
    this.binary = absolute(spec.source as WasmBinary);
    this.exportName = exportName;
    this.givenMemory = memory as WasmMemory | undefined;
  }

  private load(): Loaded | { reason: string } {
    if (!this.loaded) {
      try {
        this.loaded = this.compile();
      } catch (err) {
        this.loaded = { reason: (err as Error).message };
      }
    }
    return this.loaded;
  }

  private compile(): Loaded | { reason: string } {
    let info: WasmInfo | undefined;
    let module: WasmModule;
    if (this.binary instanceof WA.Module) {
      module = this.binary;
    } else {
      const bytes = bytesOf(this.binary as string | URL | ArrayBuffer | ArrayBufferView);
      try {
        module = new WA.Module(bytes);
      } catch (err) {
        return { reason: `the module does not compile: ${(err as Error).message}` };
      }
      info = readWasmInfo(bytes);
    }
    const badImports = unsupportedImports(module);
    if (badImports) return { reason: badImports };
    if (!WA.Module.imports(module).some((i) => i.module === 'env' && i.name === 'memory' && i.kind === 'memory')) {
      return {
        reason:
          'the module must import its memory as env.memory, shared (asc --importMemory --sharedMemory; clang -Wl,--import-memory,--shared-memory)',
      };
    }
    if (info?.memory && !info.memory.shared)
      return { reason: 'env.memory must be a shared memory (asc --sharedMemory --maximumMemory N; clang -Wl,--shared-memory)' };
    if (info?.memory?.memory64) return { reason: 'a 64-bit memory (memory64) is not supported' };
    const exported = WA.Module.exports(module);
    if (!exported.some((e) => e.name === this.exportName && e.kind === 'function')) {
      const fns = exported.filter((e) => e.kind === 'function').map((e) => e.name);
      return { reason: `the module exports no function '${this.exportName}' (its function exports: ${fns.join(', ') || 'none'})` };
    }
    const sig = info?.signatures?.get(this.exportName);
    if (sig) {
      const bad = sig.params.findIndex((t) => !NUMBER_TYPES.has(t));
      if (sig.params.length < 2)
        return { reason: `the export '${this.exportName}' must take (start, end, ...args); it takes ${sig.params.length} parameters` };
      if (bad >= 0)
        return { reason: `parameter ${bad} of '${this.exportName}' is ${sig.params[bad]}: JS numbers reach wasm as i32, f32 or f64 only` };
      if (sig.results.length > 1 || (sig.results.length === 1 && !NUMBER_TYPES.has(sig.results[0]))) {
        return {
          reason: `'${this.exportName}' must return nothing, an i32 status or an f64 partial; it returns (${sig.results.join(', ')})`,
        };
      }
    }
    let memory = this.givenMemory;
    if (!memory) {
      if (!info?.memory)
        return {
          reason:
            'a compiled WebAssembly.Module does not tell its memory limits: give { source: module, memory: new WebAssembly.Memory({ initial, maximum, shared: true }) }',
        };
      memory = new WA.Memory({ initial: info.memory.min, maximum: info.memory.max ?? info.memory.min, shared: true });
    }
    let instance: WasmInstance;
    try {
      instance = new WA.Instance(module, wasmImports(memory));
    } catch (err) {
      return { reason: `the module does not instantiate: ${(err as Error).message}` };
    }
    // Arrays go above the module's own data: its declared initial size (or __heap_base, if exported and higher).
    const heapBase = instance.exports.__heap_base;
    // Never offset 0 (a null pointer to C), even for a module that declares no data at all.
    const base = Math.max(
      64,
      info?.memory ? info.memory.min * PAGE : memory.buffer.byteLength,
      heapBase instanceof WA.Global ? Number(heapBase.value) : 0,
    );
    let heap = heaps.get(memory);
    if (!heap) heaps.set(memory, (heap = new WasmHeap(memory, base)));
    else heap.raiseBase(base);
    return { module, memory, heap, fn: instance.exports[this.exportName] as WasmChunkFn, sig };
  }

  private loadOrThrow(): Loaded {
    const l = this.load();
    if ('reason' in l) throw new UserKernelError(this.name, 'wasm', l.reason);
    return l;
  }

  availability(): FormAvailability {
    const l = this.load();
    return 'reason' in l ? { available: false, reason: l.reason } : { available: true };
  }

  get memory(): WasmMemory | undefined {
    const l = this.load();
    return 'reason' in l ? this.givenMemory : l.memory;
  }

  array<T extends ArrayBufferView>(type: KernelArrayConstructor<T>, length: number): T {
    if (!KERNEL_ARRAYS.includes(type))
      throw new TypeError(
        'type must be Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array or Uint8Array',
      );
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0)
      throw new RangeError(`length must be an integer >= 0, got ${String(length)}`);
    const { heap } = this.loadOrThrow();
    const offset = heap.alloc(length * type.BYTES_PER_ELEMENT);
    const view = new type(heap.seen(), offset, length);
    new Uint8Array(view.buffer, offset, view.byteLength).fill(0); // a freed block is reused as it was left
    return view;
  }

  free(view: ArrayBufferView): void {
    const { heap } = this.loadOrThrow();
    if (!ArrayBuffer.isView(view) || !heap.owns(view) || !heap.free(view.byteOffset)) {
      throw new TypeError("array must be an array made by this kernel's array() and not freed yet");
    }
  }

  run(req: FormRequest): FormResult {
    return withControl(controlOptions(req), async (control) => {
      const k = this.loadOrThrow();
      this.checkCall(k, req);
      const placed = placeArgs(k.heap, req.args);
      try {
        const partials =
          req.threads === 1 ? await this.runHere(k, req, placed.args, control) : await this.runOnWorkers(k, req, placed.args, control);
        placed.copyBack();
        return partials;
      } finally {
        placed.release();
      }
    });
  }

  /** The call against the export's signature, where it was read. */
  private checkCall(k: Loaded, req: FormRequest): void {
    const sig = k.sig;
    if (!sig) return;
    if (sig.params.length !== 2 + req.args.length) {
      throw new UserKernelError(
        this.name,
        'wasm',
        `the export '${this.exportName}' takes ${sig.params.length} parameters, but the call passes ` +
          `${2 + req.args.length} (start, end and ${req.args.length} args)`,
      );
    }
    if (req.reduce && sig.results.length === 0) {
      throw new UserKernelError(
        this.name,
        'wasm',
        `reduce needs '${this.exportName}' to return the chunk's partial (an f64); it returns nothing`,
      );
    }
    if ((sig.params[0] === 'i32' || sig.params[1] === 'i32') && req.length > 2 ** 31 - 1) {
      throw new RangeError(
        `length ${req.length} does not fit the i32 start/end parameters of kernel '${this.name}' (at most ${2 ** 31 - 1})`,
      );
    }
  }

  private checkStatus(k: Loaded): boolean {
    return k.sig ? k.sig.results[0] === 'i32' : true;
  }

  private async runHere(k: Loaded, req: FormRequest, args: number[], control: Int32Array): Promise<Float64Array | undefined> {
    const partials = req.reduce ? new Float64Array(chunkTotal(req.length, req.chunkSize)) : undefined;
    const checkStatus = this.checkStatus(k);
    await runChunks(
      chunkTotal(req.length, req.chunkSize),
      (c) => {
        try {
          callWasmChunk(k.fn, c, req.length, req.chunkSize, args, req.reduce, checkStatus, partials);
        } catch (err) {
          const f = wasmFailure(err, c, req.chunkSize, req.length);
          throw new UserKernelError(this.name, 'wasm', f.message, { cause: err, status: f.status });
        }
      },
      control,
    );
    return partials;
  }

  private async runOnWorkers(k: Loaded, req: FormRequest, args: number[], control: Int32Array): Promise<Float64Array | undefined> {
    const total = chunkTotal(req.length, req.chunkSize);
    const partials = req.reduce ? new Float64Array(new SharedArrayBuffer(total * 8)) : undefined;
    await fanOut('wasm', req, control, total, 'userWasmChunksTask', (state) => [
      this.id,
      k.module,
      k.memory,
      this.exportName,
      req.length,
      req.chunkSize,
      args,
      req.reduce,
      this.checkStatus(k),
      partials ?? null,
      state,
      control,
    ]);
    return partials;
  }
}

/**
 * Each typed array becomes its byte offset in the kernel's memory: an array already there (array(),
 * or a view of wasmMemory.buffer) as it is; any other is copied into a scratch block before the call
 * and copied back after it succeeds (views of one buffer together, see buffer-spans.ts). Numbers go as they are.
 */
function placeArgs(heap: WasmHeap, args: readonly KernelArg[]): { args: number[]; copyBack(): void; release(): void } {
  const toCopy = args.filter((a): a is KernelArray => typeof a !== 'number' && !heap.owns(a));
  const spans = bufferSpans(toCopy);
  const blocks = new Map<ArrayBufferLike, number>();
  const release = () => {
    for (const off of blocks.values()) heap.free(off);
  };
  try {
    for (const s of spans.values()) {
      const offset = heap.alloc(s.end - s.start);
      blocks.set(s.buffer, offset);
      copySpan(s.buffer, s.start, heap.seen(), offset, s.end - s.start);
    }
  } catch (err) {
    release();
    throw err;
  }
  return {
    args: args.map((a) => {
      if (typeof a === 'number') return a;
      const span = spans.get(a.buffer);
      return span ? blocks.get(a.buffer)! + a.byteOffset - span.start : a.byteOffset;
    }),
    copyBack: () => {
      for (const s of spans.values()) copySpan(heap.seen(), blocks.get(s.buffer)!, s.buffer, s.start, s.end - s.start);
    },
    release,
  };
}
