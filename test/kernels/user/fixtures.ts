// The test kernels: AssemblyScript sources compiled by `multicore compile` into build/test-user-kernels/
// (once; again only when a source is newer), the JS forms in an ES module, and a tiny wasm writer for
// the malformed modules asc would never emit.
import { execFile } from 'node:child_process';
import { existsSync, renameSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = join(root, 'test/fixtures/user-kernels');
export const JS_KERNELS = join(FIXTURES, 'kernels.mjs');
const SOURCES = ['kernels.ts', 'sum-squares.ts'].map((f) => join(FIXTURES, f));
const OUT = join(root, 'build/test-user-kernels/kernels.wasm');

let compiled: Promise<string> | undefined;

/** The compiled test kernels' .wasm path (compiled with `multicore compile` when missing or stale). */
export function kernelsWasm(): Promise<string> {
  compiled ??= (async () => {
    const newest = Math.max(...SOURCES.map((f) => statSync(f).mtimeMs));
    if (existsSync(OUT) && statSync(OUT).mtimeMs >= newest) return OUT;
    mkdirSync(join(root, 'build/test-user-kernels'), { recursive: true });
    // Several test files may compile at once: each writes its own file, then renames it into place.
    const tmp = `${OUT}.${process.pid}.tmp`;
    await promisify(execFile)(process.execPath, [join(root, 'bin/multicore.js'), 'compile', ...SOURCES, '-o', tmp, '--quiet'], {
      cwd: root,
    });
    renameSync(tmp, OUT);
    return OUT;
  })();
  return compiled;
}

export const THREADS = [1, 2, 3, 7];

// ---- a minimal wasm writer (for modules asc would refuse to produce) ----------------------------------

const vec = (items: number[][]) => [items.length, ...items.flat()];
const str = (s: string) => [s.length, ...Buffer.from(s)];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
export const T = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c } as const;

/**
 * A module with one exported function `name` of the given type whose body returns 0 (or nothing), and
 * the given imports: memory limits flag (3 = shared min max, 1 = not shared) and any extra function imports.
 */
export function tinyModule(o: {
  name: string;
  params: number[];
  results: number[];
  memoryFlags?: number;
  memoryImport?: [string, string];
  extraImport?: [string, string];
}): Uint8Array {
  const types = [
    [0x60, ...vec(o.params.map((p) => [p])), ...vec(o.results.map((r) => [r]))],
    [0x60, 0, 0],
  ];
  const [mm, mn] = o.memoryImport ?? ['env', 'memory'];
  const flags = o.memoryFlags ?? 3;
  const imports = [[...str(mm), ...str(mn), 0x02, flags, 1, ...(flags & 1 ? [16] : [])]];
  if (o.extraImport) imports.push([...str(o.extraImport[0]), ...str(o.extraImport[1]), 0x00, 1]);
  const fnIndex = o.extraImport ? 1 : 0;
  const zero =
    o.results.length === 0
      ? []
      : o.results[0] === T.f64
        ? [0x44, 0, 0, 0, 0, 0, 0, 0, 0]
        : o.results[0] === T.f32
          ? [0x43, 0, 0, 0, 0]
          : o.results[0] === T.i64
            ? [0x42, 0]
            : [0x41, 0];
  const body = [0, ...zero, 0x0b];
  return new Uint8Array([
    0,
    0x61,
    0x73,
    0x6d,
    1,
    0,
    0,
    0,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec([[0]])),
    ...section(7, vec([[...str(o.name), 0x00, fnIndex]])),
    ...section(10, vec([[body.length, ...body]])),
  ]);
}
