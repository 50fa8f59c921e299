// Errors raised by the sync primitives. Argument errors are plain TypeError / RangeError.

/** Raised by Barrier.wait when the barrier is broken (aborted, reset, or a party timed out). Python: BrokenBarrierError. */
export class BrokenBarrierError extends Error {
  override name = 'BrokenBarrierError';
  constructor(message = 'the barrier is broken') {
    super(message);
  }
}

/** A primitive used in a state that forbids the call (release of an unlocked Lock, of an RLock owned by another thread, wait on a Condition whose lock is not held). Python: RuntimeError. */
export class SyncStateError extends Error {
  override name = 'SyncStateError';
}

/** Queue.get timed out (or `timeoutMs: 0` found it empty). Python: queue.Empty. */
export class QueueEmptyError extends Error {
  override name = 'QueueEmptyError';
  constructor(message = 'the queue is empty') {
    super(message);
  }
}

/** Queue.put timed out (or `timeoutMs: 0` found it full). Python: queue.Full. */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
  constructor(message = 'the queue is full') {
    super(message);
  }
}

/** put on a closed Queue, or get on a closed and drained one. Python 3.13: queue.ShutDown. */
export class QueueClosedError extends Error {
  override name = 'QueueClosedError';
  constructor(message = 'the queue is closed') {
    super(message);
  }
}

/** recv on a Pipe end whose peer closed and whose messages are all read. Python: EOFError. */
export class PipeClosedError extends Error {
  override name = 'PipeClosedError';
  constructor(message = 'the other end of the pipe is closed') {
    super(message);
  }
}

/** The rejection of an aborted wait: the signal's reason when it is already an AbortError, else an AbortError (DOMException) whose cause is the reason. */
export function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const err = new DOMException('The operation was aborted', 'AbortError');
  Object.defineProperty(err, 'cause', { value: reason, configurable: true, writable: true });
  return err;
}
