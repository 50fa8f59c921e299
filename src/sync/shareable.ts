// The bridge that lets a sync primitive cross a worker boundary as "the same live object".
//
// A primitive is a small wrapper around SharedArrayBuffer state. structuredClone would copy the
// SharedArrayBuffer by reference (good) but drop the class (bad). So executors pass every argument
// through `encodeShared` before posting it, and through `decodeShared` on the other side: each
// shareable object is replaced by a tagged descriptor that carries its state, and turned back into
// an instance of the registered class over the very same shared memory.

import { MessagePort } from 'node:worker_threads';
import { kShare, getReviver, type Shareable } from './registry.js';
// Load every primitive so its reviver is registered wherever decodeShared runs (e.g. an executor's
// worker that never imports multicore/sync itself).
import './primitives.js';

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
    return { [TAG]: kind, state: value[kShare]() };
  }
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
      return revive(value.state);
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

/**
 * The objects that must go in postMessage's transfer list for an encoded value: the MessagePorts of
 * Pipe connections (a Connection moves to the worker it is sent to). SharedArrayBuffers are shared,
 * never transferred. Use: `const msg = encodeShared(args); port.postMessage(msg, transferablesOf(msg))`.
 */
export function transferablesOf(encoded: unknown, out: MessagePort[] = [], seen = new Set<unknown>()): MessagePort[] {
  if (typeof encoded !== 'object' || encoded === null || seen.has(encoded)) return out;
  seen.add(encoded);
  if (encoded instanceof MessagePort) { if (!out.includes(encoded)) out.push(encoded); return out; }
  if (Array.isArray(encoded)) { for (const item of encoded) transferablesOf(item, out, seen); return out; }
  if (isPlainObject(encoded)) for (const key of Object.keys(encoded)) transferablesOf(encoded[key], out, seen);
  return out;
}
