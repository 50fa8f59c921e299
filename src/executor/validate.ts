// Argument checks: a wrong type is a TypeError, an out-of-range value a RangeError, each naming the argument.

export function checkOptionsObject(o: unknown, where: string): Record<string, unknown> {
  if (o === undefined) return {};
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    throw new TypeError(`${where}: options must be an object, got ${o === null ? 'null' : typeof o}`);
  }
  return o as Record<string, unknown>;
}

/** An integer option in [min, max]; Infinity allowed when `allowInfinity`. */
export function checkInt(value: unknown, name: string, min: number, opts: { allowInfinity?: boolean; max?: number } = {}): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${name} must be a number, got ${typeof value === 'number' ? 'NaN' : typeof value}`);
  }
  if (value === Infinity && opts.allowInfinity) return value;
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
  if (value < min) throw new RangeError(`${name} must be >= ${min}, got ${value}`);
  if (opts.max !== undefined && value > opts.max) throw new RangeError(`${name} must be <= ${opts.max}, got ${value}`);
  return value;
}

/** A non-negative finite duration in milliseconds, or Infinity when allowed. */
export function checkMs(value: unknown, name: string, allowInfinity = true): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(`${name} must be a number of milliseconds, got ${typeof value === 'number' ? 'NaN' : typeof value}`);
  }
  if (value < 0) throw new RangeError(`${name} must be >= 0, got ${value}`);
  if (value === Infinity && !allowInfinity) throw new RangeError(`${name} must be finite`);
  if (value > 2 ** 31 - 1 && value !== Infinity) throw new RangeError(`${name} must be <= ${2 ** 31 - 1} (or Infinity), got ${value}`);
  return value;
}

/** The `timeoutMs` of `{ timeoutMs }` options: undefined (wait forever) or a duration. */
export function checkTimeout(options: unknown, where: string): number | undefined {
  const o = checkOptionsObject(options, where);
  if (o.timeoutMs === undefined || o.timeoutMs === Infinity) return undefined;
  return checkMs(o.timeoutMs, `${where}: timeoutMs`);
}
