// Future: the result of a submitted task (concurrent.futures.Future), and a thenable.
// It doubles as the pool's task record (the fields marked internal), so a task costs one object.
import type { Transferable } from './transfer.js';
import { CancelledError, TimeoutError } from './errors.js';
import { checkTimeout } from './validate.js';

export enum State {
  Queued = 0,
  Dispatched = 1,
  Running = 2,
  Finished = 3,
  Failed = 4,
  Cancelled = 5,
}

/** What a future tells its owner when it is cancelled (the pool removes it from its queue or aborts it). */
export interface FutureOwner {
  onCancel(future: Future<any>, previous: State): void;
  /** Whether a task sent to a worker, behind others, is the one it runs now (threads batch their results). */
  isRunning?(future: Future<any>): boolean;
}

export type DoneCallback<T> = (future: Future<T>) => void;

export class Future<T = unknown> implements PromiseLike<T> {
  /** @internal */ _state: State = State.Queued;
  /** @internal */ _value: unknown = undefined;
  /** @internal */ _owner: FutureOwner | null = null;
  /** @internal */ _callbacks: DoneCallback<T>[] | DoneCallback<T> | null = null;
  /** @internal */ _promise: Promise<T> | null = null;
  /** @internal */ _resolve: ((v: T) => void) | null = null;
  /** @internal */ _reject: ((e: unknown) => void) | null = null;
  // ---- task record fields, used by the pool ----
  /** @internal */ _id = 0;
  /** @internal */ _fn = 0;
  /** @internal */ _args: unknown = undefined;
  /** @internal */ _flags = 0;
  /** @internal */ _transfer: Transferable[] | null = null;
  /** @internal */ _submittedAt = 0;
  /** @internal */ _startedAt = 0;
  /** @internal */ _slot: unknown = null;
  /** @internal when it was cancelled or timed out while held by a worker (0: never) */ _abortedAt = 0;

  /** Tries to cancel: a queued task is dropped; a running one gets its AbortSignal raised in the worker.
   *  Returns false only when the future had already finished. The future settles with CancelledError. */
  cancel(): boolean {
    if (this._state >= State.Finished) return this._state === State.Cancelled;
    return this._cancelWith(new CancelledError());
  }
  /** @internal cancel() with another error: a per-task signal settles its future with an AbortError. */
  _cancelWith(error: Error): boolean {
    const previous = this._state;
    if (previous >= State.Finished) return false;
    this._settle(State.Cancelled, error);
    this._owner?.onCancel(this, previous);
    return true;
  }
  cancelled(): boolean {
    return this._state === State.Cancelled;
  }
  /** True while the task executes in a worker. */
  running(): boolean {
    return this._state === State.Running || (this._state === State.Dispatched && this._owner?.isRunning?.(this) === true);
  }
  done(): boolean {
    return this._state >= State.Finished;
  }

  /** The task's value; rejects with its error, CancelledError, or TimeoutError after `timeoutMs` (the task goes on). */
  result(options: { timeoutMs?: number } = {}): Promise<T> {
    const timeoutMs = checkTimeout(options, 'result');
    const p = this._getPromise();
    return timeoutMs === undefined || this.done() ? p : withTimeout(p, timeoutMs, 'result');
  }

  /** The task's error (undefined if it succeeded); rejects with CancelledError if cancelled. */
  exception(options: { timeoutMs?: number } = {}): Promise<unknown> {
    const timeoutMs = checkTimeout(options, 'exception');
    const p = this._getPromise().then(
      () => undefined,
      (err) => {
        if (this._state === State.Cancelled) throw err;
        return err;
      },
    );
    return timeoutMs === undefined || this.done() ? p : withTimeout(p, timeoutMs, 'exception');
  }

  /** Calls `fn(future)` once the future is done (at once if it already is). */
  addDoneCallback(fn: DoneCallback<T>): void {
    if (typeof fn !== 'function') throw new TypeError('addDoneCallback(fn): fn must be a function');
    if (this.done()) {
      runCallback(fn, this);
      return;
    }
    const cbs = this._callbacks;
    if (cbs === null) this._callbacks = fn;
    else if (typeof cbs === 'function') this._callbacks = [cbs, fn];
    else cbs.push(fn);
  }

  // biome-ignore lint/suspicious/noThenProperty: a Future is awaitable on purpose (PromiseLike), as DESIGN.md's API says
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this._getPromise().then(onFulfilled, onRejected);
  }
  catch<R = never>(onRejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this._getPromise().catch(onRejected);
  }
  finally(onFinally?: (() => void) | null): Promise<T> {
    return this._getPromise().finally(onFinally);
  }
  get [Symbol.toStringTag](): string {
    return `Future<${['queued', 'dispatched', 'running', 'finished', 'failed', 'cancelled'][this._state]}>`;
  }

  /** @internal The promise is made lazily: a future nobody awaits costs no promise. */
  _getPromise(): Promise<T> {
    if (this._promise) return this._promise;
    if (this._state === State.Finished) this._promise = Promise.resolve(this._value as T);
    else if (this._state >= State.Failed) this._promise = Promise.reject(this._value);
    else
      this._promise = new Promise<T>((resolve, reject) => {
        this._resolve = resolve;
        this._reject = reject;
      });
    return this._promise;
  }

  /** @internal Settles exactly once; returns false if the future was already done. */
  _settle(state: State.Finished | State.Failed | State.Cancelled, value: unknown): boolean {
    if (this._state >= State.Finished) return false;
    this._state = state;
    this._value = value;
    this._args = undefined;
    this._transfer = null;
    if (this._resolve !== null) {
      if (state === State.Finished) this._resolve(value as T);
      else this._reject!(value);
      this._resolve = this._reject = null;
    }
    const cbs = this._callbacks;
    if (cbs !== null) {
      this._callbacks = null;
      if (typeof cbs === 'function') runCallback(cbs, this);
      else for (const cb of cbs) runCallback(cb, this);
    }
    return true;
  }
}

function runCallback<T>(fn: DoneCallback<T>, f: Future<T>): void {
  try {
    fn(f);
  } catch (err) {
    process.emitWarning(`a Future done-callback threw: ${String((err as Error)?.stack ?? err)}`, 'MulticoreWarning');
  }
}

/** Rejects with TimeoutError if `p` has not settled within `ms` (p itself goes on). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`${what}() timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
