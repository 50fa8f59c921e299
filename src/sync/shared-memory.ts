// SharedMemory: Python's multiprocessing.shared_memory.SharedMemory — a named block of memory that
// any process can map by name. JS sees it as an ArrayBuffer over the mapping (`buffer`); typed
// arrays over it passed to ProcessPoolExecutor tasks arrive as views of the same memory.
import { kShare, registerShareable, type Shareable } from './registry.js';
import { attachSegment, createSegment, newSegmentName, unlinkSegment } from './memory.js';
import { checkOptionNames, describe } from './wait.js';

export interface SharedMemoryInit {
  /** Create a new segment (default false: attach to an existing one by name). */
  create?: boolean;
  /** Bytes: required to create; when attaching, the segment must have exactly this size. */
  size?: number;
  /** Unlink the segment when this (creating) process exits, unless unlink() came first (default true; Python 3.13's `track`). */
  track?: boolean;
}

const NAME = /^[A-Za-z0-9_.-]{1,200}$/;
const MAX_SIZE = Number.MAX_SAFE_INTEGER;

export class SharedMemory implements Shareable {
  static readonly shareKind = 'multicore.SharedMemory';
  /** The segment's name, to attach from another process: `new SharedMemory(name)`. */
  readonly name: string;
  /** Its size in bytes. */
  readonly size: number;
  private mapped: ArrayBuffer | null;

  constructor(name?: string | null, init: SharedMemoryInit = {}) {
    if (typeof init !== 'object' || init === null)
      throw new TypeError(`SharedMemory: options must be an object like { create, size }, got ${describe(init)}`);
    checkOptionNames(init, ['create', 'size', 'track'], 'SharedMemory');
    const { create = false, size, track = true } = init;
    if (typeof create !== 'boolean') throw new TypeError(`SharedMemory: options.create must be a boolean, got ${describe(create)}`);
    if (typeof track !== 'boolean') throw new TypeError(`SharedMemory: options.track must be a boolean, got ${describe(track)}`);
    if (size !== undefined) {
      if (typeof size !== 'number' || !Number.isInteger(size))
        throw new TypeError(`SharedMemory: options.size must be an integer, got ${describe(size)}`);
      if (size < 1 || size > MAX_SIZE) throw new RangeError(`SharedMemory: options.size must be between 1 and ${MAX_SIZE}, got ${size}`);
    }
    if (name !== undefined && name !== null) {
      if (typeof name !== 'string') throw new TypeError(`SharedMemory: name must be a string, got ${describe(name)}`);
      if (name.startsWith('/')) name = name.slice(1); // Python accepts the POSIX form too
      if (name.length < 1 || name.length > 200) throw new RangeError(`SharedMemory: name must be 1 to 200 characters, got ${name.length}`);
      if (!NAME.test(name))
        throw new TypeError(`SharedMemory: name must use only letters, digits, '_', '.' and '-', got ${describe(name)}`);
    } else if (!create) {
      throw new TypeError('SharedMemory: name is required to attach to an existing segment (or pass { create: true, size })');
    }
    if (create) {
      if (size === undefined) throw new TypeError('SharedMemory: options.size is required with create: true');
      this.name = name ?? newSegmentName();
      this.mapped = wrapErrors(() => createSegment(this.name, size, track), this.name);
    } else {
      this.name = name!;
      this.mapped = wrapErrors(() => attachSegment(this.name, true), this.name);
      if (size !== undefined && size !== this.mapped.byteLength) {
        throw new RangeError(`SharedMemory: options.size is ${size} but segment '${this.name}' has ${this.mapped.byteLength} bytes`);
      }
    }
    this.size = this.mapped.byteLength;
  }

  /** The memory (Python's `buf`): an ArrayBuffer over the mapping; build typed arrays over it. */
  get buffer(): ArrayBuffer {
    if (this.mapped === null) throw new TypeError(`SharedMemory '${this.name}' is closed`);
    return this.mapped;
  }

  /** Stops using the mapping from this object. The memory is unmapped once no view of it is left
   *  (JS cannot unmap under live typed arrays); other processes are not affected. */
  close(): void {
    this.mapped = null;
  }

  /** Removes the name: nobody can attach any more; existing mappings stay valid. Once, by one process. */
  unlink(): void {
    wrapErrors(() => unlinkSegment(this.name), this.name);
  }

  [kShare](): unknown {
    return { name: this.name, size: this.size };
  }
}

function wrapErrors<T>(fn: () => T, name: string): T {
  try {
    return fn();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw Object.assign(new Error(`SharedMemory: no segment named '${name}' (Python: FileNotFoundError)`), {
        code,
        name: 'FileNotFoundError',
      });
    if (code === 'EEXIST')
      throw Object.assign(new Error(`SharedMemory: a segment named '${name}' already exists (Python: FileExistsError)`), {
        code,
        name: 'FileExistsError',
      });
    if (code === 'ENOSPC' || code === 'ENOMEM' || code === 'EFBIG')
      throw Object.assign(new RangeError(`SharedMemory: options.size: cannot reserve that much shared memory: ${(e as Error).message}`), {
        code,
      });
    throw e;
  }
}

registerShareable(SharedMemory.shareKind, (s: { name: string; size: number }) => new SharedMemory(s.name, { size: s.size }));
