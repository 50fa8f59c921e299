// SharedArray (Python's multiprocessing.Array): a typed array over shared memory, with an optional lock.
import { allocShared } from './memory.js';
import { kShare, registerShareable, type Shareable } from './registry.js';
import type { Lock } from './lock.js';
import type { RLock } from './rlock.js';
import { parseLock, reviveLock, shareLock, type SharedMemoryOptions } from './shared-value.js';
import {
  AtomicCells,
  CTORS,
  checkValue,
  parseType,
  type AnyTypedArray,
  type ElementType,
  type ElementSpec,
  type ResolveType,
  type ValueOf,
} from './types.js';
import { checkOptionNames, describe } from './wait.js';

/**
 * `array` is the typed array itself (plain, fast, non-atomic access: use it under the lock or when
 * threads touch disjoint parts); get/set/add/compareExchange are atomic per element.
 */
export class SharedArray<K extends ElementSpec = ElementType> implements Shareable {
  static readonly shareKind = 'multicore.SharedArray';
  readonly type: ResolveType<K>;
  readonly array: AnyTypedArray;
  private readonly cells: AtomicCells;
  private readonly lock: Lock | RLock | undefined;

  /** `lengthOrValues`: a length (zero-filled) or the initial values (Python: size_or_initializer). */
  constructor(type: K, lengthOrValues: number | ArrayLike<ValueOf<K>>, options?: SharedMemoryOptions);
  /** @internal the reviver's form: the same primitive over existing shared memory */ constructor(
    type: K,
    lengthOrValues: number,
    options: SharedMemoryOptions,
    shared: { buffer: SharedArrayBuffer; lock: any },
  );
  constructor(
    type: K,
    lengthOrValues: number | ArrayLike<ValueOf<K>>,
    options: SharedMemoryOptions = {},
    shared?: { buffer: SharedArrayBuffer; lock: any },
  ) {
    this.type = parseType(type, 'SharedArray') as ResolveType<K>;
    const Ctor = CTORS[this.type];
    if (shared !== undefined) {
      this.array = new (Ctor as any)(shared.buffer, 0, (shared as { length?: number }).length);
      this.lock = reviveLock(shared.lock);
    } else {
      if (typeof options !== 'object' || options === null)
        throw new TypeError(`SharedArray: options must be an object, got ${describe(options)}`);
      checkOptionNames(options, ['lock'], 'SharedArray');
      let length: number;
      let values: ArrayLike<ValueOf<K>> | undefined;
      if (typeof lengthOrValues === 'number') {
        if (!Number.isInteger(lengthOrValues))
          throw new TypeError(`SharedArray: length must be an integer, got ${describe(lengthOrValues)}`);
        if (lengthOrValues < 0 || lengthOrValues > 2 ** 31)
          throw new RangeError(`SharedArray: length must be between 0 and 2^31, got ${lengthOrValues}`);
        length = lengthOrValues;
      } else if (typeof lengthOrValues === 'object' && lengthOrValues !== null && typeof lengthOrValues.length === 'number') {
        values = lengthOrValues;
        length = values.length;
      } else {
        throw new TypeError(`SharedArray: lengthOrValues must be a length or an array of values, got ${describe(lengthOrValues)}`);
      }
      this.array = new (Ctor as any)(allocShared(length * Ctor.BYTES_PER_ELEMENT), 0, length);
      if (values) {
        for (let i = 0; i < length; i++) checkValue(this.type, values[i], `SharedArray: lengthOrValues[${i}]`);
        (this.array as any).set(values);
      }
      this.lock = parseLock(options.lock, 'SharedArray');
    }
    this.cells = new AtomicCells(this.type, this.array);
  }

  get length(): number {
    return this.array.length;
  }

  /** Atomic read of element i. */
  get(i: number): ValueOf<K> {
    return this.cells.load(this.index(i, 'get')) as ValueOf<K>;
  }
  /** Atomic write of element i. */
  set(i: number, v: ValueOf<K>): void {
    checkValue(this.type, v, 'SharedArray.set: value');
    this.cells.store(this.index(i, 'set'), v);
  }
  /** Atomic add to element i; returns the previous value. */
  add(i: number, delta: ValueOf<K>): ValueOf<K> {
    checkValue(this.type, delta, 'SharedArray.add: delta');
    return this.cells.add(this.index(i, 'add'), delta) as ValueOf<K>;
  }
  /** Atomic compare-and-swap of element i; returns the value found. */
  compareExchange(i: number, expected: ValueOf<K>, replacement: ValueOf<K>): ValueOf<K> {
    checkValue(this.type, expected, 'SharedArray.compareExchange: expected');
    checkValue(this.type, replacement, 'SharedArray.compareExchange: replacement');
    return this.cells.compareExchange(this.index(i, 'compareExchange'), expected, replacement) as ValueOf<K>;
  }

  /** A plain copy of the elements. */
  toArray(): ValueOf<K>[] {
    return Array.from(this.array as unknown as ArrayLike<ValueOf<K>>);
  }

  getLock(): Lock | RLock {
    if (!this.lock) throw new TypeError('SharedArray.getLock: this array was made with { lock: false }');
    return this.lock;
  }

  private index(i: number, method: string): number {
    if (typeof i !== 'number' || !Number.isInteger(i))
      throw new TypeError(`SharedArray.${method}: index must be an integer, got ${describe(i)}`);
    if (i < 0 || i >= this.array.length)
      throw new RangeError(`SharedArray.${method}: index ${i} is out of range [0, ${this.array.length})`);
    return i;
  }

  [kShare](): unknown {
    return { type: this.type, buffer: this.array.buffer, length: this.array.length, lock: shareLock(this.lock) };
  }
}

registerShareable(
  SharedArray.shareKind,
  (s: { type: ElementType; buffer: SharedArrayBuffer; lock: any }) => new SharedArray(s.type, 0, {}, s),
);
