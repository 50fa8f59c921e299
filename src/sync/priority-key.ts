// The sort key of a PriorityQueue item: what Python's heapq compares, written as bytes so the heap
// can order items in shared memory without deserializing them (heap-store.ts compares keys under
// the queue's mutex, in whichever thread puts or gets).
//
// Orderable, as in Python: numbers (booleans count as 0 and 1, Python's bool being an int), strings
// (by code point, as Python's str), and arrays (Python's tuples and lists: element by element, a
// prefix first). Everything else (objects, null, undefined, bigint, NaN, a cyclic array) is stored as
// "opaque": it may sit in a key as long as no comparison reaches it, e.g. the task in
// [priority, task] when priorities differ; comparing two opaque values, or a number with a string,
// is Python's TypeError ("'<' not supported between instances of ...").
//
// Layout: a tag byte per value. NUM + float64 (native byte order; keys never leave the process);
// STR + u32 length + UTF-16 code units; ARR + values + END; OPAQUE + one byte naming the kind.

const END = 0;
const NUM = 1;
const STR = 2;
const ARR = 3;
const OPAQUE = 4;
const OPAQUE_KINDS = ['an object', 'null', 'undefined', 'a bigint', 'NaN', 'a cyclic array', 'a function', 'a symbol'];

/** Raised when two keys meet values that cannot be ordered. */
export class IncomparableError extends TypeError {
  override name = 'TypeError';
}

class KeyWriter {
  private buf = new Uint8Array(64);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    bigger.set(this.buf);
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  float(x: number): void {
    this.room(8);
    this.view.setFloat64(this.length, x, true);
    this.length += 8;
  }

  string(s: string): void {
    this.room(4 + 2 * s.length);
    this.view.setUint32(this.length, s.length, true);
    this.length += 4;
    for (let k = 0; k < s.length; k++, this.length += 2) this.view.setUint16(this.length, s.charCodeAt(k), true);
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

function write(w: KeyWriter, v: unknown, ancestors: unknown[]): void {
  if (typeof v === 'number' && !Number.isNaN(v)) {
    w.byte(NUM);
    w.float(v);
  } else if (typeof v === 'boolean') {
    w.byte(NUM);
    w.float(v ? 1 : 0);
  } else if (typeof v === 'string') {
    w.byte(STR);
    w.string(v);
  } else if (Array.isArray(v) && !ancestors.includes(v)) {
    w.byte(ARR);
    ancestors.push(v);
    for (let k = 0; k < v.length; k++) write(w, v[k], ancestors);
    ancestors.pop();
    w.byte(END);
  } else {
    w.byte(OPAQUE);
    w.byte(opaqueKind(v));
  }
}

function opaqueKind(v: unknown): number {
  if (v === null) return 1;
  switch (typeof v) {
    case 'undefined':
      return 2;
    case 'bigint':
      return 3;
    case 'number':
      return 4;
    case 'function':
      return 6;
    case 'symbol':
      return 7;
    default:
      return Array.isArray(v) ? 5 : 0;
  }
}

/** The key bytes of `item` (a fresh copy). */
export function encodeKey(item: unknown): Uint8Array {
  const w = new KeyWriter();
  write(w, item, []);
  return w.bytes().slice();
}

// Reading: positions of the two keys being compared (module state: compare() is not re-entrant and
// allocates nothing).
let a: Uint8Array;
let b: Uint8Array;
let pa = 0;
let pb = 0;
const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

function float(u8: Uint8Array, at: number): number {
  for (let k = 0; k < 8; k++) scratchBytes[k] = u8[at + k];
  return scratch[0];
}

function u32(u8: Uint8Array, at: number): number {
  return (u8[at] | (u8[at + 1] << 8) | (u8[at + 2] << 16) | (u8[at + 3] << 24)) >>> 0;
}

/** UTF-16 code units in code point order: surrogates (supplementary characters) after the rest of the BMP. */
function codePointOrder(u: number): number {
  if (u < 0xd800) return u;
  return u <= 0xdfff ? u + 0x2000 : u - 0x800;
}

function describeTag(u8: Uint8Array, at: number): string {
  switch (u8[at]) {
    case NUM:
      return 'a number';
    case STR:
      return 'a string';
    case ARR:
      return 'an array';
    case END:
      return 'the end of a shorter array';
    default:
      return OPAQUE_KINDS[u8[at + 1]] ?? 'an unknown value';
  }
}

/** Compares the values at pa / pb and moves both past them. */
function value(): number {
  const ta = a[pa];
  const tb = b[pb];
  if (ta !== tb || ta === OPAQUE) {
    throw new IncomparableError(`'<' is not supported between ${describeTag(a, pa)} and ${describeTag(b, pb)}`);
  }
  pa++;
  pb++;
  switch (ta) {
    case NUM: {
      const x = float(a, pa);
      const y = float(b, pb);
      pa += 8;
      pb += 8;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case STR: {
      const na = u32(a, pa);
      const nb = u32(b, pb);
      const sa = pa + 4;
      const sb = pb + 4;
      pa = sa + 2 * na;
      pb = sb + 2 * nb;
      const n = Math.min(na, nb);
      for (let k = 0; k < n; k++) {
        const ua = a[sa + 2 * k] | (a[sa + 2 * k + 1] << 8);
        const ub = b[sb + 2 * k] | (b[sb + 2 * k + 1] << 8);
        if (ua !== ub) return codePointOrder(ua) < codePointOrder(ub) ? -1 : 1;
      }
      return na < nb ? -1 : na > nb ? 1 : 0;
    }
    default: // ARR
      for (;;) {
        const ea = a[pa];
        const eb = b[pb];
        if (ea === END && eb === END) {
          pa++;
          pb++;
          return 0;
        }
        if (ea === END) return -1;
        if (eb === END) return 1;
        const r = value();
        if (r !== 0) return r;
      }
  }
}

/**
 * Compares the key at `x[xAt]` with the key at `y[yAt]` as Python compares the items: -1, 0 or 1;
 * throws IncomparableError where Python raises TypeError.
 */
export function compareKeys(x: Uint8Array, xAt: number, y: Uint8Array, yAt: number): number {
  a = x;
  b = y;
  pa = xAt;
  pb = yAt;
  return value();
}
