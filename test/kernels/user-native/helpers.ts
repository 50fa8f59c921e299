// Shared by the native user-kernel tests: the test libraries (test/fixtures/user-kernel/*.c) and
// the example's kernels, built from source with the machine's compilers into build/ (rebuilt only
// when a source is newer). Without a C compiler the tests skip, except in CI, where they fail.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineKernel } from '@multicore-js/multicore';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const isCI = /^(1|true)$/i.test(process.env.CI ?? '');
export const THREADS = [1, 2, 3, 7];
const outDir = join(root, 'build', 'user-kernel-tests');
export const exampleBuild = join(root, 'build', 'user-kernel-example');

export function libraryFile(base: string): string {
  return process.platform === 'darwin' ? `lib${base}.dylib` : `lib${base}.so`;
}

/** Compiles test/fixtures/user-kernel/<name>.c into a shared library; its path, or why it could not. */
export function testLibrary(name: string): { path: string } | { reason: string } {
  if (process.platform === 'win32') return { reason: 'these tests build their C libraries with cc (not on Windows)' };
  const source = join(root, 'test', 'fixtures', 'user-kernel', `${name}.c`);
  const header = join(root, 'include', 'multicore_kernel.h');
  const path = join(outDir, libraryFile(name));
  if (existsSync(path) && statSync(path).mtimeMs >= Math.max(statSync(source).mtimeMs, statSync(header).mtimeMs)) return { path };
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync(process.env.CC ?? 'cc', ['-O2', '-std=c11', '-shared', '-fPIC', '-I', join(root, 'include'), source, '-o', path], {
    encoding: 'utf8',
  });
  if (r.error) return { reason: `no C compiler: ${r.error.message}` };
  if (r.status !== 0) throw new Error(`cc failed on ${source}:\n${r.stderr}`);
  return { path };
}

let example: { dir: string } | { reason: string } | undefined;

/** Builds the example's wasm and native forms (examples/user-kernel/build.mjs --strict) once per process. */
export function buildExample(): { dir: string } | { reason: string } {
  if (!example) {
    const r = spawnSync(process.execPath, [join(root, 'examples', 'user-kernel', 'build.mjs'), '--out', exampleBuild, '--strict'], {
      encoding: 'utf8',
    });
    example = r.status === 0 ? { dir: exampleBuild } : { reason: `examples/user-kernel/build.mjs failed:\n${r.stdout}\n${r.stderr}` };
  }
  return example;
}

/** Why native user kernels cannot run in this process, or undefined when they can. */
export async function nativeUnavailable(): Promise<string | undefined> {
  const lib = testLibrary('test_kernels');
  if ('reason' in lib) return lib.reason;
  const k = defineKernel({ name: 'affine', native: lib.path });
  try {
    await k.run(1, [new Float64Array(1), new Float64Array(1)], { backend: 'native' });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The test's skip option: skip with the reason outside CI; in CI (but Windows) a missing toolchain or addon fails. */
export function skipUnless(reason: string | undefined): { skip?: string } {
  if (reason && isCI && process.platform !== 'win32') throw new Error(`CI must run the native user-kernel tests: ${reason}`);
  return reason ? { skip: reason } : {};
}
