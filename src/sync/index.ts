// Python's threading and multiprocessing primitives over SharedArrayBuffer and Atomics, as the root
// `multicore` exports them. The `multicore/sync` subpath is entry.ts (this plus the hand-made-Worker helpers).
export { Lock } from './lock.js';
export { RLock } from './rlock.js';
export { Semaphore } from './semaphore.js';
export { BoundedSemaphore } from './bounded-semaphore.js';
export { Condition } from './condition.js';
export { Event } from './event.js';
export { Barrier, type BarrierOptions } from './barrier.js';
export type { BarrierAction } from './barrier-action.js';
export { Queue, type QueueOptions } from './queue.js';
export { LifoQueue } from './lifo-queue.js';
export { PriorityQueue } from './priority-queue.js';
export { SimpleQueue, type SimpleQueueOptions } from './simple-queue.js';
export { SharedValue, type SharedMemoryOptions } from './shared-value.js';
export { SharedArray } from './shared-array.js';
export { Pipe, Connection } from './pipe.js';
export type {
  ElementType,
  ElementSpec,
  Typecode,
  TypecodeMap,
  ResolveType,
  NumberType,
  BigIntType,
  ValueOf,
  AnyTypedArray,
} from './types.js';
export type { WaitOptions, SyncWaitOptions } from './wait.js';
export {
  BrokenBarrierError,
  SyncStateError,
  QueueEmptyError,
  QueueFullError,
  QueueClosedError,
  PipeClosedError,
} from './errors.js';
export { exportShared, importShared } from './shareable.js';
export { SharedMemory, type SharedMemoryInit } from './shared-memory.js';
export { acrossProcesses, removeOrphanSegments } from './memory.js';
