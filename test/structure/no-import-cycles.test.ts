// No import cycles in the library: read the compiled import graph (dist/, so type-only imports, which
// TypeScript erases, do not count) and look for strongly connected components. Dynamic import() is
// left out: it runs later, when every module has loaded, so it cannot see a half-initialised module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');

/**
 * Cycles tolerated, by the folder (under src/) every module of the cycle is in: none. (The last one,
 * kernels/auto.js → auto-probes.js → the kernels → backend.js → auto.js, was broken by
 * each kernel registering its function with auto-probes.js.) Add a folder here only with a reason.
 */
const TOLERATED: string[] = [];

function jsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsFiles(p));
    else if (name.endsWith('.js')) out.push(p);
  }
  return out;
}

/** Relative static imports and re-exports of a compiled ES module (`import … from`, `import '…'`, `export … from`). */
export function staticImports(file: string): string[] {
  const src = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (let m; (m = re.exec(src)) !== null; ) out.push(resolve(dirname(file), m[1]));
  return out;
}

/** Tarjan's strongly connected components with more than one module (or a module importing itself). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

test('the cycle finder finds a cycle, and only a cycle', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
    ['e', ['e']],
  ]);
  assert.deepEqual(
    cycles(g)
      .map((c) => c.sort())
      .sort(),
    [['a', 'b', 'c'], ['e']],
  );
  assert.deepEqual(
    cycles(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
    [],
  );
});

test('no import cycles among the compiled modules of src/', () => {
  const graph = new Map<string, string[]>();
  // only modules compiled from a source that still exists (dist/ may hold outputs of deleted files)
  for (const f of jsFiles(dist)) {
    const rel = relative(dist, f);
    if (existsSync(join(root, 'src', rel.replace(/\.js$/, '.ts')))) graph.set(f, staticImports(f));
  }
  assert.ok(graph.size > 50, `read the compiled tree (${graph.size} modules in ${dist})`);
  const all = cycles(graph).map((c) => c.map((f) => relative(dist, f)).sort());
  const found = all.filter((c) => !TOLERATED.some((dir) => c.every((m) => m.startsWith(dir)))).map((c) => c.join(' → '));
  assert.deepEqual(found, [], `import cycles:\n${found.join('\n')}`);
  // the executors and the distributed executor, at least, have none at all
  assert.deepEqual(
    all.filter((c) => c.some((m) => m.startsWith('executor/') || m.startsWith('distributed/'))),
    [],
  );
});

test('no import cycles in src/executor and src/distributed, counting type-only imports too', () => {
  // issue 17: executor.ts ↔ map.ts was a type-only cycle, invisible at run time but a knot all the same
  const graph = new Map<string, string[]>();
  for (const dir of ['executor', 'distributed']) {
    for (const name of readdirSync(join(root, 'src', dir))) {
      if (!name.endsWith('.ts')) continue;
      const f = join(root, 'src', dir, name);
      graph.set(
        f,
        staticImports(f).map((p) => p.replace(/\.js$/, '.ts')),
      );
    }
  }
  const found = cycles(graph).map((c) =>
    c
      .map((f) => relative(join(root, 'src'), f))
      .sort()
      .join(' → '),
  );
  assert.deepEqual(found, [], `import cycles:\n${found.join('\n')}`);
});
