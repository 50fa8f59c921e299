// Element types of SharedValue and SharedArray: the typed-array kinds, by name or by the typecode
// Python's array/multiprocessing modules use.
import { describe } from './wait.js';

export type NumberType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';
export type BigIntType = 'int64' | 'uint64';
export type ElementType = NumberType | BigIntType;
/** Python's typecodes (array module, multiprocessing.Value) and the element type each stands for. */
export interface TypecodeMap {
  b: 'int8';
  B: 'uint8';
  h: 'int16';
  H: 'uint16';
  i: 'int32';
  I: 'uint32';
  l: 'int32';
  L: 'uint32';
  q: 'int64';
  Q: 'uint64';
  f: 'float32';
  d: 'float64';
}
export type Typecode = keyof TypecodeMap;
/** What SharedValue / SharedArray accept: an element type by name, or a Python typecode. */
export type ElementSpec = ElementType | Typecode;
export type ResolveType<K extends ElementSpec> = K extends Typecode ? TypecodeMap[K] : K;
export type ValueOf<K extends ElementSpec> = ResolveType<K> extends BigIntType ? bigint : number;

type Ctor =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;
export type AnyTypedArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

export const CTORS: Record<ElementType, Ctor> = {
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
};

/** Python typecodes (array module, multiprocessing.Value): 'b','B','h','H','i','I','l','L','q','Q','f','d'. */
const TYPECODES: TypecodeMap = {
  b: 'int8',
  B: 'uint8',
  h: 'int16',
  H: 'uint16',
  i: 'int32',
  I: 'uint32',
  l: 'int32',
  L: 'uint32',
  q: 'int64',
  Q: 'uint64',
  f: 'float32',
  d: 'float64',
};

export function parseType(type: unknown, where: string): ElementType {
  if (typeof type === 'string') {
    if (Object.hasOwn(CTORS, type)) return type as ElementType;
    if (Object.hasOwn(TYPECODES, type)) return TYPECODES[type as Typecode];
  }
  throw new TypeError(`${where}: type must be one of ${Object.keys(CTORS).join(', ')} (or a Python typecode), got ${describe(type)}`);
}

export function isBigIntType(type: ElementType): type is BigIntType {
  return type === 'int64' || type === 'uint64';
}

export function isFloatType(type: ElementType): boolean {
  return type === 'float32' || type === 'float64';
}

/** Validates one element value for `type`. */
export function checkValue(type: ElementType, v: unknown, where: string): void {
  if (isBigIntType(type)) {
    if (typeof v !== 'bigint') throw new TypeError(`${where}: a ${type} value must be a bigint, got ${describe(v)}`);
  } else if (typeof v !== 'number') {
    throw new TypeError(`${where}: a ${type} value must be a number, got ${describe(v)}`);
  }
}

// Float elements are read and written atomically through an integer view of the same bits.
const f64 = new Float64Array(1),
  f64bits = new BigInt64Array(f64.buffer);
const f32 = new Float32Array(1),
  f32bits = new Int32Array(f32.buffer);

/**
 * Atomic access to element i of a typed array over shared memory, for every element type: the
 * integer kinds use Atomics directly; float32/float64 go through an Int32/BigInt64 view of the same
 * bytes (loads, stores, and compare-and-swap loops for add).
 */
export class AtomicCells {
  private readonly bits?: Int32Array | BigInt64Array;
  constructor(
    readonly type: ElementType,
    readonly view: AnyTypedArray,
  ) {
    if (type === 'float64') this.bits = new BigInt64Array(view.buffer, view.byteOffset, view.length);
    else if (type === 'float32') this.bits = new Int32Array(view.buffer, view.byteOffset, view.length);
  }

  load(i: number): number | bigint {
    if (this.type === 'float64') {
      f64bits[0] = Atomics.load(this.bits as BigInt64Array, i);
      return f64[0]!;
    }
    if (this.type === 'float32') {
      f32bits[0] = Atomics.load(this.bits as Int32Array, i);
      return f32[0]!;
    }
    return Atomics.load(this.view as Int32Array, i);
  }

  store(i: number, v: number | bigint): void {
    if (this.type === 'float64') {
      f64[0] = v as number;
      Atomics.store(this.bits as BigInt64Array, i, f64bits[0]!);
      return;
    }
    if (this.type === 'float32') {
      f32[0] = v as number;
      Atomics.store(this.bits as Int32Array, i, f32bits[0]!);
      return;
    }
    Atomics.store(this.view as Int32Array, i, v as number);
  }

  /** Atomic add; returns the previous value. */
  add(i: number, delta: number | bigint): number | bigint {
    if (this.type === 'float64') {
      const bits = this.bits as BigInt64Array;
      for (;;) {
        const old = Atomics.load(bits, i);
        f64bits[0] = old;
        const prev = f64[0]!;
        f64[0] = prev + (delta as number);
        if (Atomics.compareExchange(bits, i, old, f64bits[0]!) === old) return prev;
      }
    }
    if (this.type === 'float32') {
      const bits = this.bits as Int32Array;
      for (;;) {
        const old = Atomics.load(bits, i);
        f32bits[0] = old;
        const prev = f32[0]!;
        f32[0] = prev + (delta as number);
        if (Atomics.compareExchange(bits, i, old, f32bits[0]!) === old) return prev;
      }
    }
    return Atomics.add(this.view as Int32Array, i, delta as number);
  }

  /** Atomic compare-and-swap; returns the value found (the swap happened when it equals `expected`). Floats compare bit patterns. */
  compareExchange(i: number, expected: number | bigint, replacement: number | bigint): number | bigint {
    if (this.type === 'float64') {
      f64[0] = expected as number;
      const e = f64bits[0]!;
      f64[0] = replacement as number;
      const r = f64bits[0]!;
      f64bits[0] = Atomics.compareExchange(this.bits as BigInt64Array, i, e, r);
      return f64[0]!;
    }
    if (this.type === 'float32') {
      f32[0] = expected as number;
      const e = f32bits[0]!;
      f32[0] = replacement as number;
      const r = f32bits[0]!;
      f32bits[0] = Atomics.compareExchange(this.bits as Int32Array, i, e, r);
      return f32[0]!;
    }
    return Atomics.compareExchange(this.view as Int32Array, i, expected as number, replacement as number);
  }
}
