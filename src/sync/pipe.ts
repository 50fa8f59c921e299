// Pipe (Python's multiprocessing.Pipe(duplex=True)): two Connections over a MessageChannel, plus a
// small shared state so that a thread can block on recvSync() (receiveMessageOnPort + Atomics.wait).
import { inProcessMode } from './memory.js';
import { MessageChannel, type MessagePort, receiveMessageOnPort, type TransferListItem } from 'node:worker_threads';
import { kShare, registerShareable, type Shareable } from './registry.js';
import { PipeClosedError } from './errors.js';
import { checkSignal, parseWaitOptions, remaining, waitAsync, waitSync, type SyncWaitOptions, type WaitOptions } from './wait.js';

// State: Int32[4] = [messages sent by end 0 (sequence), by end 1, end 0 closed, end 1 closed].
const SEQ = 0,
  CLOSED = 2;

/** One end of a Pipe. Handing it to a worker moves it there (its MessagePort is transferred). */
export class Connection implements Shareable {
  static readonly shareKind = 'multicore.Connection';
  private readonly buffered: unknown[] = [];

  /** @internal */
  constructor(
    private readonly port: MessagePort,
    private readonly state: Int32Array,
    private readonly side: 0 | 1,
  ) {}

  /** Sends a structured-cloneable value (with an optional transfer list). Throws PipeClosedError once either end is closed. */
  send(value: unknown, transfer?: readonly TransferListItem[]): void {
    if (this.isClosed(this.side) || this.isClosed(1 - this.side)) throw new PipeClosedError('Connection.send: the pipe is closed');
    this.port.postMessage(value, transfer as TransferListItem[] | undefined);
    Atomics.add(this.state, SEQ + this.side, 1);
    Atomics.notify(this.state, SEQ + this.side);
  }

  /** Whether a message is ready now. */
  poll(): boolean {
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
    this.port.close();
  }

  get closed(): boolean {
    return this.isClosed(this.side);
  }

  private isClosed(side: number): boolean {
    return Atomics.load(this.state, CLOSED + side) !== 0;
  }

  private take(): unknown {
    if (this.buffered.length) return this.buffered[0];
    if (this.isClosed(this.side)) return NONE;
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
  if (inProcessMode())
    throw new TypeError(
      'Pipe: not offered across processes yet (a Connection is a MessagePort, which cannot leave its process); use a Queue made with acrossProcesses()',
    );
  const { port1, port2 } = new MessageChannel();
  const state = new Int32Array(new SharedArrayBuffer(16));
  return [new Connection(port1, state, 0), new Connection(port2, state, 1)];
}

registerShareable(
  Connection.shareKind,
  (s: { port: MessagePort; state: SharedArrayBuffer; side: 0 | 1 }) => new Connection(s.port, new Int32Array(s.state), s.side),
);
