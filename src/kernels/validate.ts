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
  if (buffer.byteLength !== 0 || typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer) return false;
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

export function checkFloat64Array(name: string, v: unknown): asserts v is Float64Array {
  if (!(v instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array, got ${describe(v)}`);
  if (isDetached(v.buffer)) throw new TypeError(`${name} is detached (its ArrayBuffer was transferred)`);
}

export function checkUint32Array(name: string, v: unknown): asserts v is Uint32Array {
  if (!(v instanceof Uint32Array)) throw new TypeError(`${name} must be a Uint32Array, got ${describe(v)}`);
  if (isDetached(v.buffer)) throw new TypeError(`${name} is detached (its ArrayBuffer was transferred)`);
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
