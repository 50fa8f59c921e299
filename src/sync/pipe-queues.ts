// The cross-process side of a Pipe: each direction is a process-shared Queue (made inside
// acrossProcesses), so a Connection's messages go through the Queue's item codec (node:v8
// serialization) rather than a MessagePort. These helpers map the Queue's errors to a Pipe's.
import type { TransferListItem } from 'node:worker_threads';
import type { Queue } from './queue.js';
import { PipeClosedError, QueueClosedError, QueueEmptyError } from './errors.js';
import { remaining } from './wait.js';

/** The two Queues of one Connection: what it reads, and what its peer reads. */
export interface PipeQueues {
  inbox: Queue;
  outbox: Queue;
}

export function queueSend(outbox: Queue, value: unknown, transfer?: readonly TransferListItem[]): void {
  if (transfer !== undefined && (!Array.isArray(transfer) || transfer.length > 0))
    throw new TypeError('Connection.send: transfer must be empty for a Pipe made with acrossProcesses() (the value is copied)');
  try {
    outbox.putSync(value);
  } catch (err) {
    if (err instanceof QueueClosedError) throw new PipeClosedError('Connection.send: the pipe is closed');
    throw err;
  }
}

export async function queueRecv(
  inbox: Queue,
  deadline: number,
  signal: AbortSignal | undefined,
  timeout: (method: string) => Error,
): Promise<unknown> {
  try {
    return await inbox.get({ timeoutMs: remaining(deadline), signal });
  } catch (err) {
    throw mapRecvError(err, timeout, 'Connection.recv');
  }
}

export function queueRecvSync(inbox: Queue, deadline: number, timeout: (method: string) => Error): unknown {
  try {
    return inbox.getSync({ timeoutMs: remaining(deadline) });
  } catch (err) {
    throw mapRecvError(err, timeout, 'Connection.recvSync');
  }
}

function mapRecvError(err: unknown, timeout: (method: string) => Error, method: string): unknown {
  if (err instanceof QueueClosedError) return new PipeClosedError();
  if (err instanceof QueueEmptyError) return timeout(method);
  return err;
}
