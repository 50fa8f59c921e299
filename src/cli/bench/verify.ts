// Every figure is checked: a strategy's result must equal the JS reference before its time counts.
// The kernels are specified bit-identical on every backend (native/SPEC.md), so the comparison is
// exact (Object.is per element, so NaN equals NaN and -0 differs from +0).

export class VerificationError extends Error {
  override name = 'VerificationError';
}

function describe(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return JSON.stringify(v) ?? String(v);
}

type Indexed = { length: number; [i: number]: unknown };
const isIndexed = (v: unknown): v is Indexed => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));

/** undefined when equal, otherwise what differs first. */
export function compareExact(actual: unknown, expected: unknown): string | undefined {
  if (isIndexed(expected)) {
    if (!isIndexed(actual)) return `expected an array of ${expected.length}, got ${typeof actual}`;
    if (actual.length !== expected.length) return `length ${actual.length}, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const a = actual[i],
        e = expected[i];
      if (isIndexed(e)) {
        const inner = compareExact(a, e);
        if (inner) return `[${i}]: ${inner}`;
      } else if (!Object.is(a, e)) {
        return `element ${i} is ${describe(a)}, expected ${describe(e)}`;
      }
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `got ${describe(actual)}, expected ${describe(expected)}`;
}
