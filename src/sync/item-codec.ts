// How a Queue item becomes bytes. Everything structured-cloneable goes through node:v8's
// serializer (the same algorithm as postMessage), whose output always starts with its version tag
// 0xFF. The commonest small items skip it: v8.serialize + deserialize cost ~1.5 µs even for a
// number, several times the rest of a put/get. Their own one-byte tags never equal 0xFF, so the
// first byte tells the two apart, and what comes out equals what structuredClone would give.
import { serialize, deserialize } from 'node:v8';

const V8 = 0xff;
const NUMBER = 1; // + float64 (this machine's byte order: the bytes never leave the process)
const STRING = 2; // + UTF-8: only well-formed strings (UTF-8 cannot carry a lone surrogate)
const TRUE = 3;
const FALSE = 4;
const NULL = 5;
const UNDEFINED = 6;
const ASCII = 7; // + one byte per char: short strings of char codes < 128 (no encoder call at all)
const SHORT = 64;

// Numbers pass through this scratch double: no DataView, and no `.buffer` of a fresh array (asking
// for it forces V8 to move an on-heap array's bytes off the heap, which costs more than the rest).
const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

const utf8 = new TextEncoder();
// String.prototype.isWellFormed is in Node 20 (V8 11.3) but not in this project's ES2022 typings.
const isWellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function tagOnly(tag: number): Uint8Array {
  const b = new Uint8Array(1);
  b[0] = tag;
  return b;
}

/** Bytes for `item`; throws what v8.serialize throws for an item that cannot be cloned. */
export function encodeItem(item: unknown): Uint8Array {
  switch (typeof item) {
    case 'number': {
      const b = new Uint8Array(9);
      b[0] = NUMBER;
      scratch[0] = item;
      for (let k = 0; k < 8; k++) b[k + 1] = scratchBytes[k]!; // a loop: subarray/set allocate
      return b;
    }
    case 'string':
      if (item.length <= SHORT) {
        const b = new Uint8Array(1 + item.length);
        b[0] = ASCII;
        let k = 0;
        for (; k < item.length; k++) {
          const c = item.charCodeAt(k);
          if (c > 0x7f) break;
          b[k + 1] = c;
        }
        if (k === item.length) return b;
      }
      // Strings longer than this are rare as queue items and v8's copy is as good there.
      if (item.length <= 4096 && isWellFormed(item)) {
        const b = new Uint8Array(1 + item.length * 3);
        b[0] = STRING;
        const { written } = utf8.encodeInto(item, b.subarray(1));
        return b.subarray(0, 1 + written);
      }
      break;
    case 'boolean':
      return tagOnly(item ? TRUE : FALSE);
    case 'undefined':
      return tagOnly(UNDEFINED);
    case 'object':
      if (item === null) return tagOnly(NULL);
      break;
  }
  return serialize(item);
}

/** The item `bytes` (from encodeItem) stand for. */
export function decodeItem(bytes: Uint8Array): unknown {
  switch (bytes[0]) {
    case V8:
      return deserialize(bytes);
    case NUMBER:
      for (let k = 0; k < 8; k++) scratchBytes[k] = bytes[k + 1]!;
      return scratch[0];
    case STRING:
      return fromUtf8.decode(bytes.subarray(1));
    case ASCII:
      return String.fromCharCode.apply(null, bytes.subarray(1) as unknown as number[]);
    case TRUE:
      return true;
    case FALSE:
      return false;
    case NULL:
      return null;
    case UNDEFINED:
      return undefined;
    default:
      throw new Error(`Queue: corrupt item (tag ${bytes[0]})`);
  }
}
