// A Barrier's action travels as source: Python runs it in whichever thread arrives last, and here
// that can be any thread the barrier was sent to. So it must be self-contained (no closure: the
// variables it would close over do not exist in the other threads), like a function sent to an
// executor; each thread compiles it once, on its first run.
import { freeVariables } from '../executor/free-variables.js';
import { describe } from './wait.js';

export type BarrierAction = () => void;

let globalNames: Set<string> | undefined;
function isGlobal(name: string): boolean {
  if (!globalNames) {
    globalNames = new Set<string>();
    for (let o: object | null = globalThis; o; o = Object.getPrototypeOf(o)) {
      for (const k of Object.getOwnPropertyNames(o)) globalNames.add(k);
    }
  }
  return globalNames.has(name);
}

function compile(source: string): BarrierAction {
  return new Function(`return (${source});`)() as BarrierAction;
}

/** The source of `action` as an expression that compiles on its own, or a TypeError saying why it cannot travel. */
export function actionSource(action: unknown): string {
  if (typeof action !== 'function') throw new TypeError(`Barrier: options.action must be a function, got ${describe(action)}`);
  if (action.constructor?.name === 'AsyncFunction') {
    throw new TypeError(
      'Barrier: options.action must be a synchronous function (every party waits for it; a promise would not be awaited by waitSync)',
    );
  }
  const src = Function.prototype.toString.call(action);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(src) || /^class\b/.test(src)) {
    throw new TypeError(
      'Barrier: options.action must be a plain function (a native, bound or class function cannot be sent to other threads)',
    );
  }
  let source: string | undefined;
  for (const candidate of [src, `Object.values({ ${src} })[0]`]) {
    try {
      compile(candidate);
      source = candidate;
      break;
    } catch {
      // not an expression on its own: try it as a method shorthand
    }
  }
  if (source === undefined) throw new TypeError("Barrier: options.action's source could not be compiled on its own");
  const free = freeVariables(source, isGlobal);
  if (free.length > 0) {
    throw new TypeError(
      `Barrier: options.action uses ${free.map((n) => `'${n}'`).join(', ')} from outside its own body. The action runs in ` +
        'whichever thread arrives last, so it is sent there as source and must be self-contained (globals only).',
    );
  }
  return source;
}

const compiled = new Map<string, BarrierAction>();

/** Runs the action given by `source` in this thread (compiled once per thread). */
export function runAction(source: string): void {
  let fn = compiled.get(source);
  if (fn === undefined) {
    fn = compile(source);
    compiled.set(source, fn);
  }
  fn();
}
