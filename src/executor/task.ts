// What a task is, and how it travels: a self-contained function sent by source (checked for free
// variables here, compiled once per worker and cached by id), or `{ module, name }`, an export of an
// ES module that the worker imports. Each distinct task gets a small integer id; workers cache by it.
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freeVariables } from './free-variables.js';
import { DEF_MODULE, DEF_SOURCE } from './protocol.js';

export type TaskFunction = (...args: any[]) => unknown;
export interface ModuleTask {
  module: string | URL;
  name: string;
}
export type TaskSpec = TaskFunction | ModuleTask | string;

/** What a worker needs to get the function: its source, or a module URL and export name (protocol.ts DEF_*). */
export type TaskDef = { k: typeof DEF_SOURCE; src: string } | { k: typeof DEF_MODULE; url: string; name: string };
export interface ResolvedTask {
  id: number;
  def: TaskDef;
}

/** Names a source-sent function may use without declaring: the worker provides them. */
export const INJECTED = ['currentSignal', 'transfer', 'require', '__name'] as const;

type AnyFunction = (...args: never[]) => unknown;
const byFunction = new WeakMap<AnyFunction, ResolvedTask>();
const byKey = new Map<string, ResolvedTask>();
const byId = new Map<number, TaskDef>();
let nextId = 1;

function intern(key: string, def: TaskDef): ResolvedTask {
  let r = byKey.get(key);
  if (!r) {
    r = { id: nextId++, def };
    byKey.set(key, r);
    byId.set(r.id, def);
  }
  return r;
}

export function taskDef(id: number): TaskDef {
  return byId.get(id)!;
}

/** A module given as a path (absolute, or relative to the working directory) or a URL, as a URL string. */
export function moduleUrl(module: unknown, what: string): string {
  if (module instanceof URL) return module.href;
  if (typeof module !== 'string' || module === '') throw new TypeError(`${what} must be a module path or URL (a non-empty string or URL)`);
  if (/^[a-z][a-z0-9+.-]+:/i.test(module) && !/^[a-z]:[\\/]/i.test(module)) return module;
  return pathToFileURL(isAbsolute(module) ? module : resolve(module)).href;
}

let globalNames: Set<string> | undefined;
function isGlobal(name: string): boolean {
  if (!globalNames) {
    globalNames = new Set<string>(INJECTED);
    for (let o: object | null = globalThis; o; o = Object.getPrototypeOf(o)) {
      for (const k of Object.getOwnPropertyNames(o)) globalNames.add(k);
    }
  }
  return globalNames.has(name);
}

/** The source of `fn` as an expression, or a TypeError saying why it cannot travel. */
function functionSource(fn: AnyFunction, what: string): string {
  const src = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src)) {
    throw new TypeError(`${what}: a native or bound function cannot be sent to a worker; pass a plain function or { module, name }`);
  }
  if (/^class\b/.test(src)) throw new TypeError(`${what}: a class cannot be a task; pass a function`);
  for (const candidate of [src, `Object.values({ ${src} })[0]`]) {
    try {
      new Function(`return (${candidate});`);
      return candidate;
    } catch {
      /* try the method-shorthand form */
    }
  }
  throw new TypeError(`${what}: the function's source could not be compiled on its own`);
}

/** Resolves a task given to submit/map/initializer into its id and definition (cached). */
export function resolveTask(task: unknown, defaultModule: string | undefined, what: string): ResolvedTask {
  if (typeof task === 'function') {
    const fn = task as AnyFunction;
    const cached = byFunction.get(fn);
    if (cached) return cached;
    const src = functionSource(fn, what);
    const free = freeVariables(src, isGlobal);
    if (free.length > 0) {
      const names = free.map((n) => `'${n}'`).join(', ');
      throw new TypeError(
        `${what}: the task function uses ${names} from outside its own body (a closure). Functions are sent to ` +
          `workers as source, so they must be self-contained: pass ${free.length > 1 ? 'these values' : 'the value'} as ` +
          `arguments, import inside the function, or use { module, name } for a task in an ES module.`,
      );
    }
    const r = intern(`f:${src}`, { k: DEF_SOURCE, src });
    byFunction.set(fn, r);
    return r;
  }
  if (typeof task === 'string') {
    if (defaultModule === undefined) {
      throw new TypeError(`${what}: a task named by a string ('${task}') needs the executor option 'module'`);
    }
    if (task === '') throw new TypeError(`${what}: the task name must not be empty`);
    return intern(`m:${defaultModule}#${task}`, { k: DEF_MODULE, url: defaultModule, name: task });
  }
  if (typeof task === 'object' && task !== null && 'module' in task) {
    const { module, name } = task as ModuleTask;
    if (typeof name !== 'string' || name === '') throw new TypeError(`${what}: { module, name }: name must be a non-empty string`);
    const url = moduleUrl(module, `${what}: { module, name }: module`);
    return intern(`m:${url}#${name}`, { k: DEF_MODULE, url, name });
  }
  throw new TypeError(
    `${what}: task must be a function, { module, name }, or an export name (with the 'module' option); got ${task === null ? 'null' : typeof task}`,
  );
}
