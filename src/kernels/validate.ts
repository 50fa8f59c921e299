// Argument checks shared by every kernel. Each error names the argument and what was expected.

export const MAX_THREADS = 256;
export const MAX_SAFE = Number.MAX_SAFE_INTEGER;
export const MAX_DIM = 2 ** 31 - 1;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

export function isDetached(buffer: ArrayBufferLike): boolean {
  if (buffer.byteLength !== 0 || (typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer)) return false;
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

// The built-in getters, taken once: a buffer cannot hide its kind behind an own property.
const getter = (proto: object | undefined, key: string) => (proto ? Object.getOwnPropertyDescriptor(proto, key)?.get : undefined);
const resizableOf = getter(ArrayBuffer.prototype, 'resizable');
const growableOf = getter(globalThis.SharedArrayBuffer?.prototype, 'growable');

/**
 * 'resizable' / 'growable' when the buffer's length can change under a running call (a resizable
 * ArrayBuffer can shrink and free memory a native kernel is using; a growable SharedArrayBuffer is
 * refused by the same rule, so that "fixed-length buffers only" holds for every kernel and backend).
 */
export function unstableLength(buffer: ArrayBufferLike): 'resizable' | 'growable' | undefined {
  try {
    if (resizableOf?.call(buffer)) return 'resizable';
  } catch {
    /* not an ArrayBuffer */
  }
  try {
    if (growableOf?.call(buffer)) return 'growable';
  } catch {
    /* not a SharedArrayBuffer */
  }
  return undefined;
}

function checkView(name: string, v: ArrayBufferView): void {
  if (isDetached(v.buffer)) throw new TypeError(`${name} is detached (its ArrayBuffer was transferred)`);
  const unstable = unstableLength(v.buffer);
  if (unstable) {
    const kind = unstable === 'resizable' ? 'a resizable ArrayBuffer' : 'a growable SharedArrayBuffer';
    throw new TypeError(`${name} must be over a fixed-length buffer, got a view of ${kind} (copy it first, e.g. ${name}.slice())`);
  }
}

export function checkFloat64Array(name: string, v: unknown): asserts v is Float64Array {
  if (!(v instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array, got ${describe(v)}`);
  checkView(name, v);
}

export function checkUint32Array(name: string, v: unknown): asserts v is Uint32Array {
  if (!(v instanceof Uint32Array)) throw new TypeError(`${name} must be a Uint32Array, got ${describe(v)}`);
  checkView(name, v);
}

/** An integer in [min, max]; a non-number is a TypeError, anything else out of range a RangeError. */
export function checkInteger(name: string, v: unknown, min: number, max: number): asserts v is number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number, got ${describe(v)}`);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${describe(v)}`);
  }
}

export function checkFinite(name: string, v: unknown): asserts v is number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number, got ${describe(v)}`);
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${describe(v)}`);
}

export function checkObject(name: string, v: unknown): void {
  if (v !== undefined && (typeof v !== 'object' || v === null)) {
    throw new TypeError(`${name} must be an object, got ${describe(v)}`);
  }
}
