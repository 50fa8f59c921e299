// The part of the WebAssembly JS API the wasm form uses, typed here: this package compiles without
// the DOM library (which is where TypeScript declares WebAssembly). The types are structural, so a
// DOM WebAssembly.Memory or Module given by a user fits them.

/** A shared WebAssembly.Memory (created with `shared: true`). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(deltaPages: number): number;
}
/** A compiled WebAssembly.Module. */
export type WasmModule = object;
export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
export type WasmImports = Record<string, Record<string, unknown>>;

interface Descriptor {
  module: string;
  name: string;
  kind: string;
}
interface Api {
  Module: {
    new (bytes: Uint8Array): WasmModule;
    imports(m: WasmModule): Descriptor[];
    exports(m: WasmModule): Omit<Descriptor, 'module'>[];
  };
  Instance: new (m: WasmModule, imports: WasmImports) => WasmInstance;
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Global: abstract new (...args: never[]) => { value: unknown };
  RuntimeError: abstract new (...args: never[]) => Error;
}

export const WA = (globalThis as unknown as { WebAssembly: Api }).WebAssembly;
