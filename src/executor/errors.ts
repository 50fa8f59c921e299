// The executor's error classes (concurrent.futures names), and how errors cross a worker boundary.

/** The future was cancelled before it produced a result (or its running task was asked to stop). */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = 'the future was cancelled', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A task ran longer than the executor's `taskTimeoutMs`. */
export class TaskTimeoutError extends Error {
  override name = 'TaskTimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, message = `the task ran longer than taskTimeoutMs (${timeoutMs} ms)`) {
    super(message);
    this.timeoutMs = timeoutMs;
  }
}

/** Waiting (`result({ timeoutMs })`, `asCompleted`, `map`'s `timeoutMs`) took longer than allowed. The work goes on. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** The worker running the task died: uncaught error, `process.exit`, out of memory, or a signal. */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
  readonly exitCode: number | null;
  readonly signal: string | null;
  constructor(message: string, info: { exitCode: number | null; signal: string | null; cause?: unknown }) {
    super(message, info.cause === undefined ? undefined : { cause: info.cause });
    this.exitCode = info.exitCode;
    this.signal = info.signal;
  }
}

/** The pool cannot start workers at all (e.g. the initializer always fails); nothing more can run. */
export class BrokenExecutorError extends Error {
  override name = 'BrokenExecutorError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** `submit` or `map` was called after `shutdown()`. */
export class ExecutorShutdownError extends Error {
  override name = 'ExecutorShutdownError';
  constructor(message = 'cannot submit new tasks after shutdown()') {
    super(message);
  }
}

/** `submit` refused a task because `maxQueue` tasks were already waiting for a worker (load shedding). */
export class TaskQueueFullError extends Error {
  override name = 'TaskQueueFullError';
  readonly maxQueue: number;
  constructor(maxQueue: number, message = `the executor's queue is full: ${maxQueue} tasks are already waiting for a worker (maxQueue)`) {
    super(message);
    this.maxQueue = maxQueue;
  }
}

/** The rejection of a task whose `signal` aborted: an AbortError (DOMException, as fetch's) whose cause is the signal's reason. */
export function abortError(reason: unknown, message = 'the task was aborted by its signal'): Error {
  const err = new DOMException(message, 'AbortError');
  Object.defineProperty(err, 'cause', { value: reason, configurable: true, writable: true });
  return err;
}

/** A task threw (or rejected with) something that is not an Error; `value` holds it (a clone, or its string form). */
export class ThrownValueError extends Error {
  override name = 'ThrownValueError';
  readonly value: unknown;
  constructor(value: unknown, description: string) {
    super(`the task threw a non-Error value: ${description}`);
    this.value = value;
  }
}

// ---- wire format --------------------------------------------------------------------------------

export interface WireError {
  e: 1;
  name: string;
  message: string;
  stack?: string;
  cause?: WireError | WireValue;
  errors?: (WireError | WireValue)[];
  props?: Record<string, unknown>;
}
export interface WireValue {
  e: 0;
  value: unknown;
  description: string;
}

const OWN_KEYS = new Set(['name', 'message', 'stack', 'cause', 'errors']);

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (typeof value === 'object' && value !== null) {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      /* circular */
    }
    const s = json ?? Object.prototype.toString.call(value);
    return `${s.length > 200 ? `${s.slice(0, 200)}…` : s} (${value.constructor?.name ?? 'object'})`;
  }
  return `${String(value)} (${typeof value})`;
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/** Turns anything thrown into a structured-cloneable description (name, message, stack, cause, own props). */
export function serializeError(err: unknown, depth = 0): WireError | WireValue {
  if (!(err instanceof Error)) {
    return { e: 0, value: cloneable(err) ? err : String(err), description: describe(err) };
  }
  const out: WireError = { e: 1, name: err.name, message: err.message, stack: err.stack };
  if (depth < 8 && err.cause !== undefined) out.cause = serializeError(err.cause, depth + 1);
  if (depth < 8 && err instanceof AggregateError) out.errors = err.errors.map((x) => serializeError(x, depth + 1));
  for (const key of Object.keys(err)) {
    if (OWN_KEYS.has(key)) continue;
    const v = (err as unknown as Record<string, unknown>)[key];
    if (cloneable(v)) (out.props ??= {})[key] = v;
  }
  return out;
}

const CTORS: Record<string, new (message?: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** Rebuilds an Error from its wire form: same name, message, stack, cause and own properties. */
export function deserializeError(wire: WireError | WireValue): Error {
  if (wire.e === 0) return new ThrownValueError(wire.value, wire.description);
  let err: Error;
  if (wire.errors) err = new AggregateError(wire.errors.map(deserializeError), wire.message);
  else if (wire.name === 'CancelledError') err = new CancelledError(wire.message);
  else if (wire.name === 'TaskTimeoutError') err = new TaskTimeoutError(Number(wire.props?.timeoutMs ?? 0), wire.message);
  else err = new (CTORS[wire.name] ?? Error)(wire.message);
  if (err.name !== wire.name) Object.defineProperty(err, 'name', { value: wire.name, writable: true, configurable: true });
  if (wire.stack !== undefined) Object.defineProperty(err, 'stack', { value: wire.stack, writable: true, configurable: true });
  if (wire.cause !== undefined) {
    const cause = wire.cause.e === 1 ? deserializeError(wire.cause) : wire.cause.value;
    Object.defineProperty(err, 'cause', { value: cause, writable: true, configurable: true });
  }
  if (wire.props) Object.assign(err, wire.props);
  return err;
}
