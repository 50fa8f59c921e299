// Reads what the JS WebAssembly API does not tell: the limits of the imported memory (a shared
// memory must be created with them) and each exported function's parameter and result types (so a
// wrong arity or an i64 parameter is a clear error, not a silent NaN). Only the type, import,
// function and export sections are read; anything unexpected leaves `signatures` undefined.

export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'ref';
export interface Signature {
  params: ValType[];
  results: ValType[];
}
export interface MemoryImport {
  module: string;
  name: string;
  min: number;
  max: number | undefined;
  shared: boolean;
  memory64: boolean;
}
export interface WasmInfo {
  memory?: MemoryImport;
  /** Exported functions' signatures by export name; undefined if the types could not be read. */
  signatures?: Map<string, Signature>;
}

const VALTYPES: Record<number, ValType> = { 127: 'i32', 126: 'i64', 125: 'f32', 124: 'f64', 123: 'v128', 112: 'ref', 111: 'ref' };

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.b.length) throw new Error('unexpected end');
    return this.b[this.pos++];
  }
  u32(): number {
    let result = 0,
      shift = 0,
      byte: number;
    do {
      byte = this.byte();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }
  name(): string {
    const n = this.u32();
    const s = new TextDecoder().decode(this.b.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  valtype(): ValType {
    const t = VALTYPES[this.byte()];
    if (!t) throw new Error('unknown value type');
    return t;
  }
  limits(): { min: number; max: number | undefined; shared: boolean; memory64: boolean } {
    const flags = this.byte();
    const min = this.u32();
    const max = flags & 1 ? this.u32() : undefined;
    return { min, max, shared: (flags & 2) !== 0, memory64: (flags & 4) !== 0 };
  }
}

export function readWasmInfo(bytes: Uint8Array): WasmInfo {
  const r = new Reader(bytes);
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d)
    throw new Error('not a WebAssembly module (bad magic number)');
  r.pos = 8;
  const info: WasmInfo = {};
  const types: (Signature | undefined)[] = [];
  const funcTypes: number[] = []; // function index -> type index (imports first)
  const exports: [string, number][] = [];
  let typesOk = true;
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    try {
      if (id === 1) {
        for (let n = r.u32(); n > 0; n--) {
          if (r.byte() !== 0x60) {
            typesOk = false;
            break;
          } // GC types: not read
          const params = Array.from({ length: r.u32() }, () => r.valtype());
          const results = Array.from({ length: r.u32() }, () => r.valtype());
          types.push({ params, results });
        }
      } else if (id === 2) {
        for (let n = r.u32(); n > 0; n--) {
          const module = r.name();
          const name = r.name();
          const kind = r.byte();
          if (kind === 0) funcTypes.push(r.u32());
          else if (kind === 1) {
            r.byte();
            r.limits();
          } else if (kind === 2) info.memory = { module, name, ...r.limits() };
          else if (kind === 3) {
            r.valtype();
            r.byte();
          } else if (kind === 4) {
            r.byte();
            r.u32();
          } else throw new Error('unknown import kind');
        }
      } else if (id === 3) {
        for (let n = r.u32(); n > 0; n--) funcTypes.push(r.u32());
      } else if (id === 7) {
        for (let n = r.u32(); n > 0; n--) {
          const name = r.name();
          const kind = r.byte();
          const index = r.u32();
          if (kind === 0) exports.push([name, index]);
        }
      }
    } catch {
      if (id === 2) throw new Error('the import section could not be read');
      typesOk = false;
    }
    r.pos = end;
  }
  if (typesOk) {
    info.signatures = new Map();
    for (const [name, index] of exports) {
      const sig = types[funcTypes[index]];
      if (sig) info.signatures.set(name, sig);
    }
  }
  return info;
}
