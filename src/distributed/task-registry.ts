// The allow-list of a worker: the exports of the task modules it was started with. A job names a task by
// export name, optionally qualified by module; nothing else can run (no code travels over the network).
import { resolve, basename, extname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { TaskRef } from './codec.js';
import { TaskModuleError, UnknownTaskError } from './errors.js';

export interface TaskModule {
  /** As given on the command line. */
  spec: string;
  url: string;
  names: Set<string>;
  aliases: Set<string>;
}

export interface ResolvedTask {
  module: string;
  name: string;
}

export class TaskRegistry {
  private constructor(readonly modules: TaskModule[]) {}

  /** Imports each module once (in this process) to learn its exported functions; a bad path fails here. */
  static async load(specs: string[], cwd = process.cwd()): Promise<TaskRegistry> {
    if (!Array.isArray(specs) || specs.length === 0) throw new TypeError('tasks must name at least one module');
    const modules: TaskModule[] = [];
    for (const spec of specs) {
      if (typeof spec !== 'string' || spec === '') throw new TypeError(`tasks: expected module paths, got ${String(spec)}`);
      const url = spec.startsWith('file:') ? spec : pathToFileURL(resolve(cwd, spec)).href;
      let ns: Record<string, unknown>;
      try {
        ns = await import(url);
      } catch (err) {
        throw new TaskModuleError(`cannot load task module '${spec}' (${url}): ${(err as Error)?.message ?? err}`, { cause: err });
      }
      // Functions, not classes: a job calls its task, it cannot construct one.
      const names = new Set(
        Object.keys(ns).filter((k) => typeof ns[k] === 'function' && !/^class[\s{]/.test(Function.prototype.toString.call(ns[k]))),
      );
      if (names.size === 0) throw new TaskModuleError(`task module '${spec}' exports no functions`);
      const file = fileURLToPath(url);
      const base = basename(file);
      const aliases = new Set([spec, url, file, base, base.slice(0, base.length - extname(base).length)]);
      modules.push({ spec, url, names, aliases });
    }
    return new TaskRegistry(modules);
  }

  /** Every task as `module:name` (for logs and error messages). */
  list(): string[] {
    return this.modules.flatMap((m) => [...m.names].map((n) => `${m.spec}:${n}`));
  }

  /** The module URL and export to run for `ref`, or an UnknownTaskError saying what this worker offers. */
  resolve(ref: TaskRef): ResolvedTask {
    const name = ref?.name;
    if (typeof name !== 'string') throw new UnknownTaskError(`job names no task (expected { module?, name })`);
    let candidates = this.modules;
    if (ref.module !== undefined) {
      candidates = this.modules.filter((m) => m.aliases.has(ref.module!));
      if (candidates.length === 0) {
        throw new UnknownTaskError(
          `unknown task module '${ref.module}': this worker was started with ${this.modules.map((m) => `'${m.spec}'`).join(', ')}`,
        );
      }
    }
    const hits = candidates.filter((m) => m.names.has(name));
    if (hits.length === 1) return { module: hits[0]!.url, name };
    if (hits.length === 0) {
      const where = ref.module !== undefined ? `module '${ref.module}'` : 'any task module';
      throw new UnknownTaskError(
        `unknown task '${name}': not an exported function of ${where} this worker was started with (available: ${this.list().join(', ')})`,
      );
    }
    throw new UnknownTaskError(`task '${name}' is ambiguous: exported by ${hits.map((m) => `'${m.spec}'`).join(' and ')}; name the module`);
  }
}
