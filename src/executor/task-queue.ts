// The pool's queue of tasks not yet sent to a worker (piscina's task_queue). A cancelled task stays in
// the array (removing it from the middle would cost O(n)) but no longer counts, and take() skips it.
import { Fifo } from './fifo.js';
import { State, type Future } from './future.js';

export class TaskQueue {
  private readonly fifo = new Fifo<Future<any>>();
  /** Tasks waiting (the cancelled ones left in the array do not count). */
  waiting = 0;

  push(f: Future<any>): void {
    this.fifo.push(f);
    this.waiting++;
  }

  /** The next waiting task, or undefined. */
  take(): Future<any> | undefined {
    let f: Future<any> | undefined;
    while ((f = this.fifo.shift()) !== undefined) {
      if (f._state === State.Queued) {
        this.waiting--;
        return f;
      }
    }
    return undefined;
  }

  /** A waiting task was cancelled: it no longer counts (take() will skip it). */
  cancelled(): void {
    this.waiting--;
  }

  /** Takes back the task just pushed (load shedding refused it). It must still be the tail. */
  withdrawLast(f: Future<any>): void {
    if (this.fifo.pop() !== f) throw new Error('internal: the withdrawn task is not the queue tail');
    this.waiting--;
  }

  /** Puts tasks back at the front, in their order (a dead worker's tasks that had not begun). */
  requeueFront(fs: Future<any>[]): void {
    this.fifo.unshiftAll(fs);
    this.waiting += fs.length;
  }

  /** Every task still in the queue (cancelled ones included), head first. */
  toArray(): Future<any>[] {
    return this.fifo.toArray();
  }
}
