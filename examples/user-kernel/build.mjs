#!/usr/bin/env node
// Builds the example kernels' WebAssembly and native forms from source:
//   wasm   assembly/blur.ts → blur.wasm            (AssemblyScript, the `assemblyscript` npm package)
//   c      blur.c → libblur.so / .dylib            (the machine's C compiler: $CC or cc)
//   rust   rust/ → libblur_rust.so / .dylib        (cargo; a cdylib crate)
//
//   node build.mjs [wasm] [c] [rust] [--out DIR] [--force] [--strict]
//
// Outputs go to ./build (or --out DIR, or $MULTICORE_EXAMPLE_BUILD); a form whose output is newer
// than its sources is not rebuilt (--force rebuilds). A missing tool skips that form with a message
// saying what to install; --strict makes that an error (CI). The C ABI header comes from the
// installed @multicore-js/multicore package (its include/ folder), or this repository's include/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const out = resolve(option('--out') ?? process.env.MULTICORE_EXAMPLE_BUILD ?? join(here, 'build'));
const force = argv.includes('--force');
const strict = argv.includes('--strict');
const FORMS = ['wasm', 'c', 'rust'];
const asked = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--out');
for (const a of asked)
  if (!FORMS.includes(a)) {
    console.error(`build.mjs: unknown form '${a}' (wasm, c, rust)`);
    process.exit(2);
  }
const forms = asked.length ? asked : FORMS;

/** The shared-library file name on this platform. */
export function libraryFile(base) {
  return process.platform === 'win32' ? `${base}.dll` : process.platform === 'darwin' ? `lib${base}.dylib` : `lib${base}.so`;
}

function newest(paths) {
  let t = 0;
  for (const p of paths) {
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(readdirSync(p).map((f) => join(p, f))) : s.mtimeMs);
  }
  return t;
}
const fresh = (output, sources) => !force && existsSync(output) && statSync(output).mtimeMs >= newest(sources);

// Outputs are written beside their final name and renamed into place, so a process loading one while
// another build of the same folder runs (parallel tests) never sees a half-written file.
const temporary = (output) => `${output}.${process.pid}.tmp`;
function settle(tmp, output, result) {
  if (result.missing || result.failed) rmSync(tmp, { force: true });
  else renameSync(tmp, output);
  return result;
}

function run(cmd, args, opts = {}) {
  console.log(`  $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) return r.error.code === 'ENOENT' ? { missing: `${cmd} not found` } : { failed: r.error.message };
  return r.status === 0 ? {} : { failed: `${cmd} exited with ${r.status ?? r.signal}` };
}

/** Resolves a package file from the app (the working directory), then from this example. */
function resolveFrom(spec) {
  for (const base of [join(process.cwd(), 'package.json'), join(here, 'package.json')]) {
    try {
      return createRequire(base).resolve(spec);
    } catch {}
  }
  return undefined;
}

function includeDir() {
  const manifest = resolveFrom('@multicore-js/multicore/package.json');
  const candidates = [manifest && join(dirname(manifest), 'include'), join(here, '..', '..', 'include')];
  return candidates.find((d) => d && existsSync(join(d, 'multicore_kernel.h')));
}

const builders = {
  wasm() {
    const output = join(out, 'blur.wasm');
    const source = join(here, 'assembly', 'blur.ts');
    if (fresh(output, [source])) return { output, cached: true };
    const pkg = resolveFrom('assemblyscript/package.json');
    if (!pkg) return { missing: 'the assemblyscript package is not installed (npm install --save-dev assemblyscript)' };
    // `multicore compile` runs asc with the flags a kernel needs (the memory imported and shared, so
    // every thread's instance sees the same arrays; no garbage-collected runtime, so the kernel must
    // not allocate; SIMD). A multicore without it: the same asc line by hand.
    const multicore = resolveFrom('@multicore-js/multicore/package.json');
    const cli = multicore && join(dirname(multicore), 'bin', 'multicore.js');
    const compile = cli && existsSync(join(dirname(multicore), 'dist', 'cli', 'compile.js'));
    const tmp = temporary(output);
    return settle(
      tmp,
      output,
      compile
        ? run(process.execPath, [cli, 'compile', source, '-o', tmp])
        : run(process.execPath, [
            join(dirname(pkg), 'bin', 'asc.js'),
            source,
            '-o',
            tmp,
            '-O3',
            '--runtime',
            'stub',
            '--importMemory',
            '--sharedMemory',
            '--maximumMemory',
            '16384',
            '--enable',
            'simd,threads',
          ]),
    );
  },
  c() {
    const output = join(out, libraryFile('blur'));
    const source = join(here, 'blur.c');
    const include = includeDir();
    if (!include) return { failed: 'multicore_kernel.h not found (is @multicore-js/multicore installed?)' };
    if (fresh(output, [source, join(include, 'multicore_kernel.h')])) return { output, cached: true };
    if (process.platform === 'win32') return { missing: 'on Windows build it with MSVC: cl /O2 /LD /I <include> blur.c /Fe:blur.dll' };
    const cc = process.env.CC ?? 'cc';
    // -ffp-contract=off: no fused multiply-add, so the floats have the JS form's bits.
    const tmp = temporary(output);
    return settle(
      tmp,
      output,
      run(cc, ['-O3', '-funroll-loops', '-ffp-contract=off', '-std=c11', '-shared', '-fPIC', '-I', include, source, '-o', tmp]),
    );
  },
  rust() {
    const output = join(out, libraryFile('blur_rust'));
    const crate = join(here, 'rust');
    if (fresh(output, [join(crate, 'src'), join(crate, 'Cargo.toml')])) return { output, cached: true };
    const target = join(out, 'rust-target');
    const r = run('cargo', ['build', '--release', '--offline', '--manifest-path', join(crate, 'Cargo.toml'), '--target-dir', target]);
    if (r.missing) return { missing: 'cargo not found (install Rust: https://rustup.rs)' };
    if (r.failed) return r;
    const built = join(target, 'release', libraryFile('multicore_example_blur'));
    if (!existsSync(built)) return { failed: `cargo built no ${built}` };
    const tmp = temporary(output);
    copyFileSync(built, tmp);
    return settle(tmp, output, {});
  },
};

mkdirSync(out, { recursive: true });
let bad = 0;
for (const form of forms) {
  console.log(`[user-kernel] ${form}`);
  const r = builders[form]();
  if (r.cached) console.log(`  up to date: ${r.output}`);
  else if (r.missing) {
    console.log(`  skipped: ${r.missing}`);
    if (strict) bad++;
  } else if (r.failed) {
    console.error(`  FAILED: ${r.failed}`);
    bad++;
  } else console.log('  built');
}
console.log(`[user-kernel] outputs in ${out}`);
process.exit(bad ? 1 : 0);
