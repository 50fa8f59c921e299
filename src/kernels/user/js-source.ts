// The JS form's chunk function: where it comes from on the main thread, and how a worker gets it
// (a module URL and export name, or the function's source, checked for free variables as executor
// tasks are: a closure runs on the main thread only).
import { freeVariables } from '../../executor/free-variables.js';
import { moduleUrl } from '../../executor/task.js';
import type { JsChunkFunction, JsKernelSource } from './api.js';

/** What a worker needs to get the chunk function: its source (k 0) or module URL + export (k 1). */
export type JsDef = { k: 0; src: string } | { k: 1; url: string; name: string };

export interface JsSource {
  /** For the workers form; undefined when the function cannot travel (then `workersReason` says why). */
  def?: JsDef;
  workersReason?: string;
  /** The chunk function on this thread (a module is imported on first use). */
  load(): Promise<JsChunkFunction>;
}

let globalNames: Set<string> | undefined;
function isGlobal(name: string): boolean {
  if (!globalNames) {
    globalNames = new Set<string>(['__name']); // esbuild's keepNames helper: the worker provides it
    for (let o: object | null = globalThis; o; o = Object.getPrototypeOf(o)) {
      for (const k of Object.getOwnPropertyNames(o)) globalNames.add(k);
    }
  }
  return globalNames.has(name);
}

/** The function's source as an expression (a method shorthand is wrapped), or why it cannot travel. */
function sourceOf(fn: (...args: never[]) => unknown): { src: string } | { reason: string } {
  const src = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src)) return { reason: 'a native or bound function cannot be sent to a worker' };
  for (const candidate of [src, `Object.values({ ${src} })[0]`]) {
    try {
      new Function(`return (${candidate});`);
      return { src: candidate };
    } catch {
      /* try the method-shorthand form */
    }
  }
  return { reason: "the function's source does not compile on its own" };
}

/** Compiles a source-sent chunk function (in a worker). */
export function compileSource(src: string): JsChunkFunction {
  return new Function('__name', `return (${src});`)(<T>(f: T) => f) as JsChunkFunction;
}

export async function importExport(url: string, name: string): Promise<JsChunkFunction> {
  const m = (await import(url)) as Record<string, unknown>;
  const f = m[name];
  if (typeof f !== 'function') throw new TypeError(`module ${url} has no exported function '${name}' (found ${typeof f})`);
  return f as JsChunkFunction;
}

export function jsSource(js: JsKernelSource): JsSource {
  if (typeof js === 'function') {
    const s = sourceOf(js);
    if ('reason' in s) return { workersReason: s.reason, load: async () => js };
    const free = freeVariables(s.src, isGlobal);
    if (free.length > 0) {
      const names = free.map((n) => `'${n}'`).join(', ');
      return {
        workersReason:
          `the js function uses ${names} from outside its own body (a closure); workers get it by source, so ` +
          'pass such values as args, or give js as { module, name }',
        load: async () => js,
      };
    }
    return { def: { k: 0, src: s.src }, load: async () => js };
  }
  if (typeof js !== 'object' || js === null || !('module' in js)) {
    throw new TypeError('js must be a function (start, end, ...args) or { module, name } naming an ES module export');
  }
  const { name } = js;
  if (typeof name !== 'string' || name === '') throw new TypeError('js.name must be a non-empty string (the export)');
  const url = moduleUrl(js.module, 'js.module');
  let loaded: Promise<JsChunkFunction> | undefined;
  return {
    def: { k: 1, url, name },
    load: () => {
      loaded ??= importExport(url, name);
      loaded.catch(() => {
        loaded = undefined;
      });
      return loaded;
    },
  };
}
