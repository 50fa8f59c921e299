// Pipe (Python's multiprocessing.Pipe(duplex=True)). Between threads: two Connections over a
// MessageChannel, plus a small shared state so that a thread can block on recvSync()
// (receiveMessageOnPort + Atomics.wait). Made inside acrossProcesses(): a MessagePort cannot leave its
// process, so each direction is a process-shared Queue instead (pipe-queues.ts); same API.
import { allocShared, inProcessMode } from './memory.js';
import { Queue } from './queue.js';
import { queueRecv, queueRecvSync, queueSend, type PipeQueues } from './pipe-queues.js';
import { MessageChannel, type MessagePort, receiveMessageOnPort, type TransferListItem } from 'node:worker_threads';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { PipeClosedError } from './errors.js';
import { checkSignal, parseWaitOptions, remaining, waitAsync, waitSync, type SyncWaitOptions, type WaitOptions } from './wait.js';

// State: Int32[4] = [messages sent by end 0 (sequence), by end 1, end 0 closed, end 1 closed].
const SEQ = 0,
  CLOSED = 2;

/**
 * One end of a Pipe. Handing it to a worker moves it there (its MessagePort is transferred); an end
 * made inside acrossProcesses() is shared instead (its two Queues live in named shared memory).
 */
export class Connection implements Shareable {
  static readonly shareKind = 'multicore.Connection';
  private readonly buffered: unknown[] = [];

  /** @internal */
  constructor(
    private readonly port: MessagePort | null,
    private readonly state: Int32Array,
    private readonly side: 0 | 1,
    private readonly queues?: PipeQueues,
  ) {}

  /**
   * Sends a structured-cloneable value (with an optional transfer list). Throws PipeClosedError once
   * either end is closed. Across processes the value is serialized into the peer's Queue (no transfer
   * list: a non-empty one is a TypeError).
   */
  send(value: unknown, transfer?: readonly TransferListItem[]): void {
    if (this.isClosed(this.side) || this.isClosed(1 - this.side)) throw new PipeClosedError('Connection.send: the pipe is closed');
    if (this.queues) {
      queueSend(this.queues.outbox, value, transfer);
      return;
    }
    if (!this.port) throw new PipeClosedError('Connection.send: the pipe is closed');
    this.port.postMessage(value, transfer as TransferListItem[] | undefined);
    Atomics.add(this.state, SEQ + this.side, 1);
    Atomics.notify(this.state, SEQ + this.side);
  }

  /** Whether a message is ready now. */
  poll(): boolean {
    if (this.queues) return !this.isClosed(this.side) && !this.queues.inbox.empty();
    return this.take() !== NONE;
  }

  /**
   * Resolves the next message, waiting without blocking the event loop. Rejects with PipeClosedError
   * when the other end is closed and every message is read, with a TimeoutError when `timeoutMs`
   * passes (a message may be any value, so there is no false to return), with an AbortError on `signal`.
   */
  async recv(options?: WaitOptions): Promise<unknown> {
    const deadline = parseWaitOptions(options, 'Connection.recv');
    checkSignal(options);
    if (this.queues) {
      this.throwIfOwnEndClosed();
      return queueRecv(this.queues.inbox, deadline, options?.signal, recvTimeout);
    }
    const peer = SEQ + 1 - this.side;
    for (;;) {
      const seq = Atomics.load(this.state, peer);
      const m = this.takeOrEnd();
      if (m !== NONE) return m;
      const left = remaining(deadline);
      if (left <= 0) throw recvTimeout('Connection.recv');
      await waitAsync(this.state, peer, seq, left, options?.signal);
    }
  }

  /** Blocking recv (for worker threads; on the main thread it also blocks the event loop). */
  recvSync(options?: SyncWaitOptions): unknown {
    const deadline = parseWaitOptions(options, 'Connection.recvSync', false);
    if (this.queues) {
      this.throwIfOwnEndClosed();
      return queueRecvSync(this.queues.inbox, deadline, recvTimeout);
    }
    const peer = SEQ + 1 - this.side;
    for (;;) {
      const seq = Atomics.load(this.state, peer);
      const m = this.takeOrEnd();
      if (m !== NONE) return m;
      const left = remaining(deadline);
      if (left <= 0) throw recvTimeout('Connection.recvSync');
      waitSync(this.state, peer, seq, left);
    }
  }

  /** Closes this end: the peer's recv ends with PipeClosedError once it has read what was sent. */
  close(): void {
    if (this.isClosed(this.side)) return;
    Atomics.store(this.state, CLOSED + this.side, 1);
    Atomics.add(this.state, SEQ + this.side, 1);
    Atomics.notify(this.state, SEQ + this.side);
    if (this.queues) {
      // The peer reads what is left of its inbox, then gets PipeClosedError; its sends fail at once.
      this.queues.outbox.close();
      this.queues.inbox.close();
    } else this.port?.close();
  }

  get closed(): boolean {
    return this.isClosed(this.side);
  }

  private isClosed(side: number): boolean {
    return Atomics.load(this.state, CLOSED + side) !== 0;
  }

  private throwIfOwnEndClosed(): void {
    if (this.isClosed(this.side)) throw new PipeClosedError('Connection.recv: this end is closed');
  }

  private take(): unknown {
    if (this.buffered.length) return this.buffered[0];
    if (this.isClosed(this.side) || !this.port) return NONE;
    const m = receiveMessageOnPort(this.port);
    if (!m) return NONE;
    this.buffered.push(m.message);
    return m.message;
  }

  private takeOrEnd(): unknown {
    if (this.isClosed(this.side)) throw new PipeClosedError('Connection.recv: this end is closed');
    // Read the peer's closed flag before looking for a message: a message sent before the close is never missed.
    const peerClosed = this.isClosed(1 - this.side);
    if (this.take() !== NONE) return this.buffered.shift();
    if (peerClosed) throw new PipeClosedError();
    return NONE;
  }

  [kShare](): unknown {
    if (this.queues)
      return { state: this.state.buffer, side: this.side, inbox: this.queues.inbox[kShare](), outbox: this.queues.outbox[kShare]() };
    return { port: this.port, state: this.state.buffer, side: this.side };
  }
}

const NONE = Symbol('none');

function recvTimeout(method: string): Error {
  const err = new Error(`${method}: timed out waiting for a message`);
  err.name = 'TimeoutError';
  return err;
}

/** A duplex pipe: what one end sends, the other receives, in order. Python: `a, b = Pipe()`. */
export function Pipe(): [Connection, Connection] {
  if (inProcessMode()) {
    // Queue and allocShared both allocate named shared memory here (we are inside acrossProcesses).
    const state = new Int32Array(allocShared(16), 0, 4);
    const toEnd1 = new Queue(),
      toEnd0 = new Queue();
    return [
      new Connection(null, state, 0, { inbox: toEnd0, outbox: toEnd1 }),
      new Connection(null, state, 1, { inbox: toEnd1, outbox: toEnd0 }),
    ];
  }
  const { port1, port2 } = new MessageChannel();
  const state = new Int32Array(new SharedArrayBuffer(16));
  return [new Connection(port1, state, 0), new Connection(port2, state, 1)];
}

type SharedEnd = { port?: MessagePort; state: SharedArrayBuffer; side: 0 | 1; inbox?: unknown; outbox?: unknown };
registerShareable(Connection.shareKind, (s: SharedEnd) => {
  const state = new Int32Array(s.state, 0, 4);
  if (s.inbox === undefined) return new Connection(s.port ?? null, state, s.side);
  const inbox = new Queue({}, s.inbox as ConstructorParameters<typeof Queue>[1]);
  const outbox = new Queue({}, s.outbox as ConstructorParameters<typeof Queue>[1]);
  return new Connection(null, state, s.side, { inbox, outbox });
});
