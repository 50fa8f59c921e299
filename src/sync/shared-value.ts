// SharedValue (Python's multiprocessing.Value): one typed element of shared memory, with an optional lock.
import { allocShared } from './memory.js';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { Lock } from './lock.js';
import { RLock } from './rlock.js';
import {
  AtomicCells,
  CTORS,
  checkValue,
  isBigIntType,
  parseType,
  type ElementType,
  type ElementSpec,
  type ResolveType,
  type ValueOf,
} from './types.js';
import { checkOptionNames, describe } from './wait.js';

export interface SharedMemoryOptions {
  /** true (default): a new RLock, as in Python; false: none; or the Lock/RLock to use. */
  lock?: boolean | Lock | RLock;
}

export function parseLock(lock: unknown, where: string): Lock | RLock | undefined {
  if (lock === undefined || lock === true) return new RLock();
  if (lock === false) return undefined;
  if (lock instanceof Lock || lock instanceof RLock) return lock;
  throw new TypeError(`${where}: options.lock must be a boolean, a Lock or an RLock, got ${describe(lock)}`);
}

export function shareLock(lock: Lock | RLock | undefined): unknown {
  return lock === undefined ? undefined : { kind: lock instanceof RLock ? 'RLock' : 'Lock', state: lock.i32.buffer };
}

export function reviveLock(state: { kind: string; state: SharedArrayBuffer } | undefined): Lock | RLock | undefined {
  if (state === undefined) return undefined;
  return state.kind === 'RLock' ? new RLock(state.state) : new Lock(state.state);
}

/**
 * `.value` reads and writes are each atomic (floats too, through an integer view of their bits);
 * a read-modify-write like `v.value += 1` is not: hold the lock, or use add()/compareExchange().
 */
export class SharedValue<K extends ElementSpec = ElementType> implements Shareable {
  static readonly shareKind = 'multicore.SharedValue';
  readonly type: ResolveType<K>;
  private readonly cells: AtomicCells;
  private readonly lock: Lock | RLock | undefined;

  constructor(type: K, initial?: ValueOf<K>, options?: SharedMemoryOptions);
  /** @internal the reviver's form: the same primitive over existing shared memory */ constructor(
    type: K,
    initial: undefined,
    options: SharedMemoryOptions,
    shared: { buffer: SharedArrayBuffer; lock: any },
  );
  constructor(type: K, initial?: ValueOf<K>, options: SharedMemoryOptions = {}, shared?: { buffer: SharedArrayBuffer; lock: any }) {
    this.type = parseType(type, 'SharedValue') as ResolveType<K>;
    const Ctor = CTORS[this.type];
    if (shared !== undefined) {
      this.cells = new AtomicCells(this.type, new (Ctor as any)(shared.buffer, 0, 1));
      this.lock = reviveLock(shared.lock);
      return;
    }
    if (typeof options !== 'object' || options === null)
      throw new TypeError(`SharedValue: options must be an object, got ${describe(options)}`);
    checkOptionNames(options, ['lock'], 'SharedValue');
    this.cells = new AtomicCells(this.type, new (Ctor as any)(allocShared(8), 0, 1));
    if (initial !== undefined) {
      checkValue(this.type, initial, 'SharedValue: initial');
      this.cells.store(0, initial);
    }
    this.lock = parseLock(options.lock, 'SharedValue');
  }

  get value(): ValueOf<K> {
    return this.cells.load(0) as ValueOf<K>;
  }
  set value(v: ValueOf<K>) {
    checkValue(this.type, v, 'SharedValue.value');
    this.cells.store(0, v);
  }

  /** Atomically adds `delta`; returns the new value. */
  add(delta: ValueOf<K>): ValueOf<K> {
    checkValue(this.type, delta, 'SharedValue.add: delta');
    const prev = this.cells.add(0, delta);
    const next = new CTORS[this.type](1); // wraps like the element type does
    (next as any)[0] = isBigIntType(this.type) ? (prev as bigint) + (delta as bigint) : (prev as number) + (delta as number);
    return next[0] as ValueOf<K>;
  }

  /** Atomic compare-and-swap; returns the value found (replaced when it equals `expected`). */
  compareExchange(expected: ValueOf<K>, replacement: ValueOf<K>): ValueOf<K> {
    checkValue(this.type, expected, 'SharedValue.compareExchange: expected');
    checkValue(this.type, replacement, 'SharedValue.compareExchange: replacement');
    return this.cells.compareExchange(0, expected, replacement) as ValueOf<K>;
  }

  /** The lock made with it (Python: get_lock()); throws when it was made with `lock: false`. */
  getLock(): Lock | RLock {
    if (!this.lock) throw new TypeError('SharedValue.getLock: this value was made with { lock: false }');
    return this.lock;
  }

  [kShare](): unknown {
    return { type: this.type, buffer: this.cells.view.buffer, lock: shareLock(this.lock) };
  }
}

registerShareable(
  SharedValue.shareKind,
  (s: { type: ElementType; buffer: SharedArrayBuffer; lock: any }) => new SharedValue(s.type, undefined, {}, s),
);
