// The bridge that lets a sync primitive cross a worker boundary as "the same live object".
//
// A primitive is a small wrapper around SharedArrayBuffer state. structuredClone would copy the
// SharedArrayBuffer by reference (good) but drop the class (bad). So executors pass every argument
// through `encodeShared` before posting it, and through `decodeShared` on the other side: each
// shareable object is replaced by a tagged descriptor that carries its state, and turned back into
// an instance of the registered class over the very same shared memory.

import { MessagePort } from 'node:worker_threads';
import { kShare, getReviver, registerShareable, type Shareable } from './registry.js';
import { attachSegment, isProcessShared, segmentName } from './memory.js';
// Load every primitive so its reviver is registered wherever decodeShared runs (e.g. an executor's
// worker that never imports multicore/sync itself).
import './primitives.js';
import { TYPED_ARRAY_CONSTRUCTORS } from '../util/typed-arrays.js';

export { kShare, registerShareable, type Shareable } from './registry.js';

const TAG = '__multicoreShared';

function isShareable(v: unknown): v is Shareable & { constructor: { shareKind?: string } } {
  return typeof v === 'object' && v !== null && typeof (v as any)[kShare] === 'function';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Replaces shareable objects (at any depth of arrays and plain objects) by tagged descriptors. */
export function encodeShared(value: unknown, seen = new Set<unknown>()): unknown {
  if (isShareable(value)) {
    const ctor = value.constructor as { shareKind?: string; name: string };
    const kind = ctor.shareKind ?? ctor.name;
    return { [TAG]: kind, state: encodeMemory(value[kShare]()) };
  }
  if (ArrayBuffer.isView(value)) {
    // A view of process-shared memory travels as its segment's name: the other side maps the
    // same memory (zero-copy, writes seen by both). Any other view is cloned as usual.
    const name = segmentName(value.buffer);
    if (name === undefined) return value;
    const length = value instanceof DataView ? value.byteLength : (value as unknown as { length: number }).length;
    return { [TAG]: VIEW, state: { name, type: value.constructor.name, byteOffset: value.byteOffset, length } };
  }
  if (isProcessShared(value)) return { [TAG]: VIEW, state: { name: segmentName(value), type: 'ArrayBuffer' } };
  if (seen.has(value)) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const enc = encodeShared(item, seen);
      if (enc !== item) (out ??= value.slice())[i] = enc;
    });
    return out ?? value;
  }
  if (isPlainObject(value)) {
    seen.add(value);
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const enc = encodeShared(value[key], seen);
      if (enc !== value[key]) (out ??= { ...value })[key] = enc;
    }
    return out ?? value;
  }
  return value;
}

/** Inverse of encodeShared: rebuilds live primitives from their descriptors. */
export function decodeShared(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const dec = decodeShared(item);
      if (dec !== item) (out ??= value.slice())[i] = dec;
    });
    return out ?? value;
  }
  if (isPlainObject(value)) {
    if (typeof value[TAG] === 'string') {
      const revive = getReviver(value[TAG] as string);
      if (!revive) throw new TypeError(`cannot revive shared object of kind ${String(value[TAG])}: its module is not loaded`);
      return revive(decodeMemory(value.state));
    }
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const dec = decodeShared(value[key]);
      if (dec !== value[key]) (out ??= { ...value })[key] = dec;
    }
    return out ?? value;
  }
  return value;
}

// --- process-shared memory inside a primitive's state ---------------------------------------------
const SEGMENT = '__multicoreSegment';
const VIEW = 'multicore.SharedMemoryView';

/** Replaces process-shared buffers in a primitive's state by their segment names (deep). */
function encodeMemory(state: unknown): unknown {
  const name = segmentName(state);
  if (name !== undefined) return { [SEGMENT]: name };
  if (Array.isArray(state)) return state.map(encodeMemory);
  if (isPlainObject(state)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(state)) out[key] = encodeMemory(state[key]);
    return out;
  }
  return state;
}

/** Inverse of encodeMemory: maps each named segment (once per context). */
function decodeMemory(state: unknown): unknown {
  if (Array.isArray(state)) return state.map(decodeMemory);
  if (isPlainObject(state)) {
    if (typeof state[SEGMENT] === 'string') return attachSegment(state[SEGMENT] as string);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(state)) out[key] = decodeMemory(state[key]);
    return out;
  }
  return state;
}

const VIEW_TYPES: Record<string, new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayBufferView> = {
  ...Object.fromEntries(TYPED_ARRAY_CONSTRUCTORS.map((c) => [c.name, c])),
  DataView: DataView as never,
};

registerShareable(VIEW, (s: { name: string; type: string; byteOffset?: number; length?: number }) => {
  const buffer = attachSegment(s.name);
  if (s.type === 'ArrayBuffer') return buffer;
  const Ctor = VIEW_TYPES[s.type];
  if (!Ctor) throw new TypeError(`cannot revive a view of shared memory of type ${s.type}`);
  return new Ctor(buffer, s.byteOffset ?? 0, s.length ?? 0);
});

/**
 * Whether an encoded value still holds something that cannot leave this process: a
 * SharedArrayBuffer (a primitive made for threads) or a MessagePort (a Pipe end). Process
 * workers refuse those; primitives made with acrossProcesses() and views of SharedMemory pass.
 */
export function threadOnlyIn(encoded: unknown, seen = new Set<unknown>()): boolean {
  if (typeof encoded !== 'object' || encoded === null || seen.has(encoded)) return false;
  seen.add(encoded);
  if (encoded instanceof SharedArrayBuffer || encoded instanceof MessagePort) return true;
  if (ArrayBuffer.isView(encoded)) return encoded.buffer instanceof SharedArrayBuffer;
  if (Array.isArray(encoded)) return encoded.some((item) => threadOnlyIn(item, seen));
  if (isPlainObject(encoded)) return Object.keys(encoded).some((key) => threadOnlyIn(encoded[key], seen));
  return false;
}

/**
 * A string that any process (started any way) turns back into the same live primitive with
 * importShared: for primitives made with acrossProcesses(), SharedMemory and views of it.
 */
export function exportShared(value: Shareable | ArrayBufferView | ArrayBuffer): string {
  const encoded = encodeShared(value);
  if (encoded === value)
    throw new TypeError('exportShared: value must be a sync primitive made with acrossProcesses(), a SharedMemory or a view of one');
  if (threadOnlyIn(encoded))
    throw new TypeError(
      'exportShared: value lives in thread-shared memory; make it with acrossProcesses(() => ...) to share it with other processes',
    );
  return JSON.stringify(encoded);
}

/** Inverse of exportShared, in any process. */
export function importShared<T = unknown>(handle: string): T {
  if (typeof handle !== 'string') throw new TypeError('importShared: handle must be the string exportShared returned');
  let parsed: unknown;
  try {
    parsed = JSON.parse(handle);
  } catch {
    throw new TypeError('importShared: handle is not a string exportShared returned');
  }
  if (!isPlainObject(parsed) || typeof parsed[TAG] !== 'string')
    throw new TypeError('importShared: handle is not a string exportShared returned');
  return decodeShared(parsed) as T;
}

/**
 * The objects that must go in postMessage's transfer list for an encoded value: the MessagePorts of
 * Pipe connections (a Connection moves to the worker it is sent to). SharedArrayBuffers are shared,
 * never transferred. Use: `const msg = encodeShared(args); port.postMessage(msg, transferablesOf(msg))`.
 */
export function transferablesOf(encoded: unknown, out: MessagePort[] = [], seen = new Set<unknown>()): MessagePort[] {
  if (typeof encoded !== 'object' || encoded === null || seen.has(encoded)) return out;
  seen.add(encoded);
  if (encoded instanceof MessagePort) {
    if (!out.includes(encoded)) out.push(encoded);
    return out;
  }
  if (Array.isArray(encoded)) {
    for (const item of encoded) transferablesOf(item, out, seen);
    return out;
  }
  if (isPlainObject(encoded)) for (const key of Object.keys(encoded)) transferablesOf(encoded[key], out, seen);
  return out;
}
