// What a user wasm kernel may import: the shared memory (env.memory) and AssemblyScript's small
// host functions (env.abort, env.trace, env.seed), so an asc-compiled kernel links without JS glue.
// Any other import is refused, by name, before anything runs.
import { WA, type WasmModule, type WasmMemory, type WasmImports } from './wasm-api.js';

export const PROVIDED = ['env.memory', 'env.abort', 'env.trace', 'env.seed'];

/** Why the module's imports cannot be satisfied, or undefined. */
export function unsupportedImports(module: WasmModule): string | undefined {
  const bad = WA.Module.imports(module)
    .map((i) => `${i.module}.${i.name}`)
    .filter((n) => !PROVIDED.includes(n));
  if (bad.length === 0) return undefined;
  return (
    `the module imports ${bad.map((n) => `'${n}'`).join(', ')}, but a kernel may import only ${PROVIDED.join(', ')} ` +
    '(the memory must be the imported env.memory, shared)'
  );
}

/** An AssemblyScript string (UTF-16, its byte length in the 4 bytes before it), copied out of shared memory. */
function readString(memory: WasmMemory, ptr: number): string {
  if (!ptr) return '';
  const bytes = new Uint32Array(memory.buffer.slice(ptr - 4, ptr))[0];
  const units = new Uint16Array(memory.buffer.slice(ptr, ptr + (bytes & ~1)));
  let s = '';
  for (let i = 0; i < units.length; i += 4096) s += String.fromCharCode(...units.subarray(i, i + 4096));
  return s;
}

/** AssemblyScript's abort() (a failed assert, an `abort('…')`, a throw) inside a kernel. */
export class KernelAbort extends Error {
  override name = 'KernelAbort';
}

export function wasmImports(memory: WasmMemory): WasmImports {
  return {
    env: {
      memory,
      abort(msg: number, file: number, line: number, column: number) {
        const where = readString(memory, file);
        throw new KernelAbort(`${readString(memory, msg) || '(no message)'}${where ? ` at ${where}:${line}:${column}` : ''}`);
      },
      trace(msg: number, n: number, ...values: number[]) {
        console.log(`trace: ${readString(memory, msg)}${n > 0 ? ` ${values.slice(0, n).join(', ')}` : ''}`);
      },
      seed: () => Date.now(),
    },
  };
}
