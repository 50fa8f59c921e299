// The registry behind encodeShared/decodeShared: the share symbol and the revivers of each kind.
// No imports, so every primitive can register itself without an import cycle through shareable.ts.

/** Implemented by every shareable primitive: returns structured-cloneable state (SharedArrayBuffers inside). */
export const kShare = Symbol.for('multicore.share');

export interface Shareable {
  [kShare](): unknown;
}

export type Reviver = (state: any) => unknown;
const revivers = new Map<string, Reviver>();

/** Registers how to rebuild instances of `kind` from their shared state (call once per class, at import). */
export function registerShareable(kind: string, revive: Reviver): void {
  revivers.set(kind, revive);
}

export function getReviver(kind: string): Reviver | undefined {
  return revivers.get(kind);
}
