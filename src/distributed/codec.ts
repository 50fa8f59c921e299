// The wire format of a distributed job (version 1). BullMQ stores job data and return values as JSON, so
// values travel as base64 of the V8 serializer's output: the same value semantics as the local executors
// (structured clone: typed arrays, Buffers, Map, Set, Date, BigInt, cycles), and a Float64Array costs
// 4/3 of its bytes instead of ~18 characters per number as a JSON array.
import { serialize, deserialize } from 'node:v8';

export const PROTOCOL_VERSION = 1;

/** Names a task: an export of a module that the worker was started with. `module` may be omitted. */
export interface TaskRef {
  module?: string;
  name: string;
}

/** `job.data`: kept as JSON so dashboards can show which task a job runs. */
export interface JobPayload {
  v: typeof PROTOCOL_VERSION;
  task: TaskRef;
  /** base64 V8-serialized argument list; with `batch`, the list of single arguments of a map chunk. */
  args: string;
  /** Run-time limit enforced by the worker, from the moment the job starts running. */
  timeoutMs?: number;
  /** A map chunk: call the task once per element of `args`, return the list of results. */
  batch?: boolean;
  /** With `batch` (map over several iterables): each element of `args` is an argument list: task(...element). */
  spread?: boolean;
}

/** `job.returnvalue`. */
export interface JobResult {
  v: typeof PROTOCOL_VERSION;
  value: string;
}

export function encodeValue(value: unknown): string {
  return serialize(value).toString('base64');
}

export function decodeValue(text: string): unknown {
  return deserialize(Buffer.from(text, 'base64'));
}

export function isJobPayload(data: unknown): data is JobPayload {
  const d = data as JobPayload;
  return typeof d === 'object' && d !== null && typeof d.args === 'string' && typeof d.task?.name === 'string';
}

// ---- errors ---------------------------------------------------------------------------------------

/** An error as it travels: what it takes to rebuild it with its class, message, stack and extra fields. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Own enumerable fields (code, exitCode, signal, ...) that survived serialization. */
  props?: Record<string, unknown>;
  cause?: SerializedError | { value: unknown };
}

const MARK = '\nmulticore-error:v1:';

export function serializeError(err: unknown, depth = 0): SerializedError {
  if (!(err instanceof Error) && !(typeof err === 'object' && err !== null && 'message' in err)) {
    return { name: 'ThrownValueError', message: `the task threw a non-Error value: ${describe(err)}`, props: cloneable({ value: err }) };
  }
  const e = err as Error & Record<string, unknown>;
  const out: SerializedError = { name: String(e.name ?? 'Error'), message: String(e.message ?? '') };
  if (typeof e.stack === 'string') out.stack = e.stack;
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(e)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
    props[key] = e[key];
  }
  const kept = cloneable(props);
  if (kept) out.props = kept;
  if (e.cause !== undefined && depth < 8) {
    out.cause = e.cause instanceof Error ? serializeError(e.cause, depth + 1) : { value: cloneable({ v: e.cause })?.v };
  }
  return out;
}

function cloneable(props: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [k, v] of Object.entries(props)) {
    try {
      serialize(v);
      out[k] = v;
      any = true;
    } catch {
      /* not transferable: dropped */
    }
  }
  return any ? out : undefined;
}

function describe(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : String(v);
  } catch {
    return typeof v;
  }
}

export type ErrorClasses = Record<string, new (message?: string) => Error>;

/** Rebuilds an error: the registered class of that name when there is one, else Error with `name` set. */
export function reviveError(s: SerializedError, classes: ErrorClasses): Error {
  const Ctor = classes[s.name] ?? (globalThis as unknown as ErrorClasses)[s.name];
  let err: Error;
  if (typeof Ctor === 'function' && (Ctor === Error || Ctor.prototype instanceof Error)) {
    err = Object.create(Ctor.prototype) as Error;
    Object.defineProperty(err, 'message', { value: s.message, writable: true, configurable: true, enumerable: false });
  } else {
    err = new Error(s.message);
  }
  if (err.name !== s.name) Object.defineProperty(err, 'name', { value: s.name, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(err, 'stack', {
    value: s.stack ?? `${s.name}: ${s.message}`,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  if (s.props) Object.assign(err, s.props);
  if (s.cause) {
    const cause = 'value' in s.cause ? s.cause.value : reviveError(s.cause, classes);
    Object.defineProperty(err, 'cause', { value: cause, writable: true, configurable: true, enumerable: false });
  }
  return err;
}

/**
 * BullMQ keeps only a failed job's message (`failedReason`). It carries a readable first line for dashboards
 * and, after a marker, the whole serialized error.
 */
export function encodeFailure(err: unknown): string {
  const s = serializeError(err);
  let body: string;
  try {
    body = encodeValue(s);
  } catch {
    body = encodeValue({ name: s.name, message: s.message, stack: s.stack });
  }
  return `${s.name}: ${s.message}${MARK}${body}`;
}

/** The error behind a `failedReason`; BullMQ's own reasons (e.g. a job stalled too often) become plain Errors. */
export function decodeFailure(reason: string | undefined, classes: ErrorClasses): Error {
  const text = reason ?? 'job failed (no reason recorded)';
  const at = text.lastIndexOf(MARK);
  if (at >= 0) {
    try {
      return reviveError(decodeValue(text.slice(at + MARK.length)) as SerializedError, classes);
    } catch {
      /* fall through */
    }
  }
  const Ctor = classes.JobFailedError ?? Error;
  return new Ctor(text);
}
