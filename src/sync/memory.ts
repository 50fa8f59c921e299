// The "memory + waiter" seam of every primitive (PROCESSES.md): where a primitive's words live
// (a SharedArrayBuffer for threads, a named shared-memory segment for processes) and how to
// sleep on them / wake them (Atomics for the first, the kernel futex through the addon for the
// second). The primitives' algorithms are the same over both.
import { readdirSync, unlinkSync } from 'node:fs';
import { shmNative } from './shm-native.js';

/** Memory a primitive's state lives in: shared with threads (SharedArrayBuffer) or with processes (a segment, seen as an ArrayBuffer). */
export type SharedBytes = SharedArrayBuffer | ArrayBuffer;

// Buffers that map a named segment, and their names (without the leading '/').
const segmentNames = new WeakMap<ArrayBuffer, string>();
// Attached segments of this context by name, so a primitive sent to many tasks is mapped once.
const attached = new Map<string, WeakRef<ArrayBuffer>>();
const forget = new FinalizationRegistry<string>((name) => {
  if (attached.get(name)?.deref() === undefined) attached.delete(name);
});
// The last few segments attached, held strongly: a task that gets views of the same segment again and
// again (a pool fed slices of one array) then maps it and faults its pages in once, not on every call
// after its views were collected. Bounded, so memory the creator has unlinked is let go soon.
const recent: ArrayBuffer[] = [];
const RECENT = 8;
// Segments this process created and has not unlinked: unlinked when it exits.
const created = new Set<string>();
let counter = 0;
let processMode = 0;

/** Whether `buffer` maps a shared-memory segment (and so is shared with other processes). */
export function isProcessShared(buffer: unknown): buffer is ArrayBuffer {
  return buffer instanceof ArrayBuffer && segmentNames.has(buffer);
}

/** Memory a primitive can live in: a SharedArrayBuffer (threads) or a process-shared segment. */
export function isSharedBuffer(buffer: unknown): buffer is SharedArrayBuffer | ArrayBuffer {
  return buffer instanceof SharedArrayBuffer || isProcessShared(buffer);
}

/** The segment name behind a process-shared buffer (undefined for any other buffer). */
export function segmentName(buffer: unknown): string | undefined {
  return buffer instanceof ArrayBuffer ? segmentNames.get(buffer) : undefined;
}

/** A name for a new segment: the prefix and the creator's pid let a later sweep find the segments of a dead creator. */
export function newSegmentName(): string {
  return `mc${process.pid}_${(counter++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Creates a segment of `size` bytes (zeroed) and maps it. `track`: unlink it when this process exits. */
export function createSegment(name: string, size: number, track: boolean): ArrayBuffer {
  sweepOnce();
  const buffer = shmNative().shmCreate(`/${name}`, size);
  segmentNames.set(buffer, name);
  if (track) trackCreated(name);
  remember(name, buffer);
  return buffer;
}

/** Maps an existing segment: once per context while a view of it is alive, unless `fresh`
 *  (SharedMemory by name: the name must still exist, and may now be another segment). */
export function attachSegment(name: string, fresh = false): ArrayBuffer {
  const cached = fresh ? undefined : attached.get(name)?.deref();
  if (cached) return keepRecent(cached);
  const buffer = shmNative().shmAttach(`/${name}`);
  segmentNames.set(buffer, name);
  remember(name, buffer);
  return keepRecent(buffer);
}

/** Removes a segment's name (mappings stay valid). */
export function unlinkSegment(name: string): void {
  shmNative().shmUnlink(`/${name}`);
  created.delete(name);
  const cached = attached.get(name)?.deref();
  if (cached) {
    const at = recent.indexOf(cached);
    if (at >= 0) recent.splice(at, 1);
  }
  attached.delete(name);
}

function keepRecent(buffer: ArrayBuffer): ArrayBuffer {
  const at = recent.indexOf(buffer);
  if (at !== 0) {
    if (at > 0) recent.splice(at, 1);
    recent.unshift(buffer);
    if (recent.length > RECENT) recent.pop();
  }
  return buffer;
}

function remember(name: string, buffer: ArrayBuffer): void {
  attached.set(name, new WeakRef(buffer));
  forget.register(buffer, name);
}

let exitHooked = false;

function trackCreated(name: string): void {
  // One listener for the process's life. Keyed on `created` being empty, a create after the last
  // segment was unlinked added another each time (11 in one bench run: Node's leak warning).
  if (!exitHooked) process.once('exit', unlinkCreated);
  exitHooked = true;
  created.add(name);
}

function unlinkCreated(): void {
  for (const name of created) {
    try {
      shmNative().shmUnlink(`/${name}`);
    } catch {
      /* already gone */
    }
  }
  created.clear();
}

/**
 * Runs `make` with every primitive it constructs placed in shared memory between processes
 * (Python's `multiprocessing.Lock()` against `threading.Lock()`): the result can be passed to
 * ProcessPoolExecutor tasks, to threads, or by name (`exportShared`) to any process.
 */
export function acrossProcesses<T>(make: () => T): T {
  if (typeof make !== 'function')
    throw new TypeError('acrossProcesses: make must be a function that constructs primitives, like () => new Lock()');
  shmNative(); // fail early with the reason when there is no addon
  processMode++;
  try {
    return make();
  } finally {
    processMode--;
  }
}

/** Whether primitives constructed now go to process-shared memory (inside acrossProcesses). */
export function inProcessMode(): boolean {
  return processMode > 0;
}

/** Memory for a primitive's words: a SharedArrayBuffer, or a segment inside acrossProcesses(). */
export function allocShared(bytes: number): SharedBytes {
  if (processMode === 0) return new SharedArrayBuffer(bytes);
  return createSegment(newSegmentName(), Math.max(bytes, 8), true);
}

/** Like allocShared, for data that may grow: a growable SharedArrayBuffer for threads; a segment of
 *  `processBytes` (fixed: a mapping cannot grow under other processes) for processes. */
export function allocGrowable(initialBytes: number, maxBytes: number, processBytes: number): SharedBytes {
  if (processMode === 0) return new (SharedArrayBuffer as any)(initialBytes, { maxByteLength: maxBytes }) as SharedArrayBuffer;
  return createSegment(newSegmentName(), processBytes, true);
}

// --- waiting ------------------------------------------------------------------------------------

/** Wakes up to `count` waiters of `i32[index]` (threads or processes); returns how many. */
export function notify(i32: Int32Array, index: number, count = Infinity): number {
  if (i32.buffer instanceof SharedArrayBuffer) return Atomics.notify(i32, index, count);
  return shmNative().futexWake(i32, index, count);
}

// --- cleanup after crashes ----------------------------------------------------------------------

const SHM_DIR = '/dev/shm';
const OURS = /^mc(\d+)_/;
let swept = false;

/** Once per process: removes segments whose creator process is gone (it crashed before its exit hook). */
function sweepOnce(): void {
  if (swept) return;
  swept = true;
  removeOrphanSegments();
}

/**
 * Unlinks the segments created by `pid` (a child that crashed), or by every creator that no
 * longer runs; returns their names. Linux (where segments are files in /dev/shm); elsewhere it
 * finds nothing. (Python's resource tracker plays this role.)
 */
export function removeOrphanSegments(pid?: number): string[] {
  let names: string[];
  try {
    names = readdirSync(SHM_DIR);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = OURS.exec(name);
    if (!m) continue;
    const creator = Number(m[1]);
    if (pid !== undefined ? creator !== pid : creator === process.pid || alive(creator)) continue;
    try {
      unlinkSync(`${SHM_DIR}/${name}`);
      removed.push(name);
    } catch {
      /* raced with another sweep */
    }
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
