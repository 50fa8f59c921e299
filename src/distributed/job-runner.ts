// Runs inside the local pool's worker (thread or child process): decodes a job's arguments, calls the task,
// encodes its result. Decoding there rather than in the worker's main thread keeps every V8-serializable type
// exact (a Buffer stays a Buffer; postMessage alone would make it a Uint8Array) and spreads the codec's cost
// over the pool.
import { serialize, deserialize } from 'node:v8';

const modules = new Map<string, Promise<Record<string, unknown>>>();

async function load(url: string, name: string): Promise<(...args: unknown[]) => unknown> {
  let ns = modules.get(url);
  if (!ns) modules.set(url, (ns = import(url) as Promise<Record<string, unknown>>));
  const fn = (await ns)[name];
  if (typeof fn !== 'function') throw new TypeError(`${name} is not an exported function of ${url}`);
  return fn as (...args: unknown[]) => unknown;
}

function encode(value: unknown, name: string): Uint8Array {
  try {
    return serialize(value);
  } catch (err) {
    throw new TypeError(`the result of ${name} cannot be serialized (${(err as Error).message})`, { cause: err });
  }
}

/** One call: `args` is the V8-serialized argument list; returns the V8-serialized result. */
export async function runJob(url: string, name: string, args: Uint8Array): Promise<Uint8Array> {
  const fn = await load(url, name);
  const list = deserialize(args) as unknown[];
  return encode(await fn(...list), name);
}

/** A map chunk: `items` is the V8-serialized list of single arguments, or with `spread` of argument lists
 *  (map over several iterables); returns the list of results. */
export async function runBatch(url: string, name: string, items: Uint8Array, spread = false): Promise<Uint8Array> {
  const fn = await load(url, name);
  const list = deserialize(items) as unknown[];
  const out: unknown[] = [];
  for (const item of list) out.push(await (spread ? fn(...(item as unknown[])) : fn(item)));
  return encode(out, name);
}
