// Verify as a user would: `npm run package`, then install the tarballs into fresh apps whose PATH has
// node and npm but no compiler (cmake, cargo, cc, c++, gcc, g++…), and use the package there.
//  - app "prebuilt": the main package + this platform's package → cpp, rust and wasm load from the
//    installed packages, every kernel gives the reference result, nothing compiled during the install.
//  - app "portable": the main package only → wasm and js run every kernel; info says why native is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { COMPILERS, freshApp, packageOnce, run, scopeRegistry, type Run, type Tarball } from './consumer.js';

const HOST = `${process.platform}-${process.arch}${process.platform === 'linux' ? '-gnu' : ''}`;
const PKG = '@multicore-js/multicore';
const KERNELS = ['sumSquares', 'sumSquaresSync', 'square', 'squareSync', 'countPrimes', 'mandelbrot', 'monteCarloPi', 'matmul', 'sort'];

let base: string;
let tarballs: Tarball[];
let packed: { dir: string; created: boolean } | undefined;
let registry: Awaited<ReturnType<typeof scopeRegistry>>;
const apps: Record<string, { dir: string; env: NodeJS.ProcessEnv; install: Run; asked: string[] }> = {};

async function install(name: string, files: string[]) {
  const app = freshApp(base, name, registry.url);
  const seen = registry.requests.length;
  const r = await run('npm', ['install', '--prefer-offline', '--foreground-scripts', ...files], { ...app, timeoutMs: 150_000 });
  assert.equal(r.code, 0, `npm install failed in ${name}:\n${r.stdout}\n${r.stderr}`);
  cpSync(join(import.meta.dirname, 'fixtures/consumer-check.mjs'), join(app.dir, 'check.mjs'));
  apps[name] = { ...app, install: r, asked: registry.requests.slice(seen) };
  console.log(`# ${name}: npm install took ${(r.ms / 1000).toFixed(1)} s`);
}

async function infoJson(name: string) {
  const app = apps[name];
  const r = await run(join(app.dir, 'node_modules/.bin/multicore'), ['info', '--json'], app);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

async function check(name: string, backends: string[]): Promise<Record<string, Record<string, string>>> {
  const r = await run('node', ['check.mjs', ...backends], apps[name]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

before(async () => {
  base = mkdtempSync(join(tmpdir(), 'multicore-apps-'));
  const p = packageOnce();
  tarballs = p.tarballs;
  packed = p;
  for (const t of tarballs) console.log(`# ${t.name}: ${(t.size / 1024).toFixed(0)} KiB, ${t.entries} files`);
  registry = await scopeRegistry();
  const main = tarballs.find((t) => t.platform === null)!;
  const native = tarballs.find((t) => t.platform === HOST);
  assert.ok(native, `the packaging command wrote no package for ${HOST}`);
  await install('prebuilt', [main.file, native.file]);
  await install('portable', [main.file]);
});

after(async () => {
  await registry?.close();
  if (base) rmSync(base, { recursive: true, force: true });
  if (packed?.created) rmSync(packed.dir, { recursive: true, force: true });
});

test('the apps PATH has no compiler', async () => {
  const r = await run('sh', ['-c', `for c in ${COMPILERS.join(' ')}; do command -v $c && exit 1; done; exit 0`], apps.prebuilt);
  assert.equal(r.code, 0, `reachable: ${r.stdout}`);
});

test('no compiler ran during either install, and none of our packages came from a registry', () => {
  for (const [name, app] of Object.entries(apps)) {
    const log = app.install.stdout + app.install.stderr;
    assert.doesNotMatch(
      log,
      /\[multicore\] \$ |cmake-js rebuild|napi build|Compiling |Building CXX/,
      `${name} install log shows a build:\n${log}`,
    );
    assert.ok(!existsSync(join(app.dir, 'node_modules', PKG, 'build')), `${name}: the installed package has a build/ folder`);
  }
  assert.match(apps.prebuilt.install.stdout, /native backends come prebuilt from @multicore-js\/multicore-/);
  assert.match(apps.portable.install.stdout, /no prebuilt native backends for .*npx multicore build/);
  // The @multicore-js scope points at a local stand-in that answers 404 (npm still asks it about the optional
  // platform packages, even one given as a tarball), so every package of ours came from a tarball.
  for (const app of Object.values(apps))
    for (const url of app.asked) assert.match(url, /^\/@multicore-js\/multicore-[a-z0-9]+-[a-z0-9]+(-[a-z]+)?$/, url);
});

test('an app that never goes distributed installs no Redis client', () => {
  for (const app of Object.values(apps)) {
    assert.deepEqual(
      readdirSync(join(app.dir, 'node_modules')).filter((n) => n === 'bullmq' || n === 'ioredis'),
      [],
    );
  }
});

test('prebuilt app: info shows cpp and rust loaded from the platform package', async () => {
  const i = await infoJson('prebuilt');
  for (const name of ['cpp', 'rust']) {
    const b = i.backends[name];
    assert.equal(b.available, true, `${name}: ${b.reason}`);
    assert.equal(b.from, `${PKG}-${HOST}`);
    assert.ok(b.file.startsWith(join(apps.prebuilt.dir, 'node_modules', `${PKG}-${HOST}`) + sep), b.file);
  }
});

test('prebuilt app: info shows wasm loaded from the installed main package', async () => {
  const b = (await infoJson('prebuilt')).backends.wasm;
  assert.equal(b.available, true, `wasm: ${b.reason}`);
  if (b.file) assert.ok(b.file.startsWith(join(apps.prebuilt.dir, 'node_modules', PKG) + sep), b.file);
});

test('prebuilt app: every kernel gives the reference result on cpp and rust', async () => {
  const report = await check('prebuilt', ['cpp', 'rust']);
  for (const backend of ['cpp', 'rust']) for (const k of KERNELS) assert.equal(report[backend][k], 'ok', `${backend} ${k}`);
});

test('prebuilt app: every kernel gives the reference result on wasm', async () => {
  const report = await check('prebuilt', ['wasm']);
  for (const k of KERNELS) assert.equal(report.wasm[k], 'ok', `wasm ${k}`);
});

test('prebuilt app: allocate() advises huge pages through the installed C++ addon (Linux with THP)', {
  skip: process.platform !== 'linux' || !existsSync('/sys/kernel/mm/transparent_hugepage/enabled') ? 'needs Linux THP' : false,
}, async () => {
  // Bytes in this process's mappings advised MADV_HUGEPAGE (VmFlags hg), before and after a 64 MiB allocate().
  const script = `
    import { readFileSync } from 'node:fs';
    import { allocate, sumSquares } from '${PKG}';
    const advised = () => {
      let total = 0, size = 0;
      for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\\n')) {
        const m = /^Size:\\s+(\\d+) kB/.exec(line);
        if (m) size = Number(m[1]) * 1024;
        else if (line.startsWith('VmFlags:') && line.split(/\\s+/).includes('hg')) total += size;
      }
      return total;
    };
    const before = advised();
    const x = allocate(Float64Array, 8 << 20);
    const gained = advised() - before;
    x.fill(0.5);
    console.log(JSON.stringify({ gained, shared: x.buffer instanceof SharedArrayBuffer, sum: await sumSquares(x) }));`;
  writeFileSync(join(apps.prebuilt.dir, 'allocate.mjs'), script);
  const r = await run('node', ['allocate.mjs'], apps.prebuilt);
  assert.equal(r.code, 0, r.stderr);
  const got = JSON.parse(r.stdout);
  assert.ok(got.gained >= 60 * 2 ** 20, `advised ${got.gained} bytes`);
  assert.equal(got.shared, true);
  assert.equal(got.sum, 0.25 * (8 << 20));
});

test('prebuilt app: CommonJS code can require() the package (engines >=20.19)', async () => {
  const r = await run('node', ['-e', `console.log(typeof require('${PKG}').countPrimes)`], apps.prebuilt);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'function');
});

test('portable app: info says why the native backends are missing and how to get them', async () => {
  const i = await infoJson('portable');
  for (const name of ['cpp', 'rust']) {
    const b = i.backends[name];
    assert.equal(b.available, false);
    assert.deepEqual(
      b.skipped.map((s: { candidate: string }) => s.candidate),
      [`${PKG}-${HOST}`, 'build/'],
    );
    assert.match(b.skipped[0].reason, /is not installed/);
    assert.match(b.reason, /npx multicore build/);
  }
  assert.equal(i.backends.js.available, true);
});

test('portable app: every kernel gives the reference result on js and wasm', async () => {
  const report = await check('portable', ['js', 'wasm']);
  for (const k of KERNELS) assert.equal(report.js[k], 'ok', `js ${k}`);
  for (const k of KERNELS) assert.equal(report.wasm[k], 'ok', `wasm ${k}`);
});

test('portable app: DistributedExecutor without bullmq/ioredis names the packages to install', async () => {
  const code = `import('${PKG}/distributed').then(({ DistributedExecutor }) => {
    try { new DistributedExecutor({ connection: 'redis://127.0.0.1:6379' }); console.log('constructed'); }
    catch (e) { console.log(e.name + ': ' + e.message); }
  })`;
  const r = await run('node', ['-e', code], apps.portable);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^MissingPeerDependencyError: .*bullmq and ioredis.*npm install bullmq ioredis/);
});

test('portable app: `multicore build` without compilers says what to install', async () => {
  const r = await run(join(apps.portable.dir, 'node_modules/.bin/multicore'), ['build', '--no-fetch'], apps.portable);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cpp: cmake not found on PATH .*npx multicore build/);
  assert.match(r.stderr, /rust: cargo not found on PATH .*npx multicore build/);
});

test("prebuilt app: the README's install example runs as written", async () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Install in your app'));
  const example = section.match(/```js\n([\s\S]*?)```/)![1];
  writeFileSync(join(apps.prebuilt.dir, 'readme-example.mjs'), example);
  const r = await run('node', ['readme-example.mjs'], apps.prebuilt);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^664579\n333332833333500000\n/);
});

test('portable app: the types compile without bullmq/ioredis installed (skipLibCheck off)', async () => {
  const repo = join(import.meta.dirname, '..', '..');
  writeFileSync(
    join(apps.portable.dir, 'types-check.ts'),
    [
      `import { countPrimes, info, DistributedExecutor, type ConnectionSpec } from '${PKG}';`,
      `import { DistributedExecutor as D2 } from '${PKG}/distributed';`,
      'const n: number = await countPrimes(10);',
      "const spec: ConnectionSpec = { host: '127.0.0.1', port: 6379 };",
      'export const made = [n, info().backends.cpp.from, new DistributedExecutor({ connection: spec }), D2];',
    ].join('\n'),
  );
  const r = await run(
    'node',
    [
      join(repo, 'node_modules/typescript/bin/tsc'),
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--skipLibCheck',
      'false',
      '--types',
      'node',
      '--typeRoots',
      join(repo, 'node_modules/@types'),
      'types-check.ts',
    ],
    apps.portable,
  );
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('a user native kernel compiled against the installed include/multicore_kernel.h runs in the prebuilt app; the portable app says why not', async () => {
  // The apps have no compiler on their PATH: compile here, as a user's build step would, with the app's header.
  const header = join(apps.prebuilt.dir, 'node_modules', PKG, 'include');
  assert.ok(existsSync(join(header, 'multicore_kernel.h')), 'the package ships include/multicore_kernel.h');
  const lib = join(apps.prebuilt.dir, 'libaffine.so');
  const cc = await run(
    'cc',
    [
      '-O2',
      '-std=c11',
      '-shared',
      '-fPIC',
      '-I',
      header,
      join(import.meta.dirname, '..', 'fixtures', 'user-kernel', 'test_kernels.c'),
      '-o',
      lib,
    ],
    { dir: apps.prebuilt.dir, env: process.env },
  );
  assert.equal(cc.code, 0, cc.stderr);
  for (const name of ['prebuilt', 'portable'])
    cpSync(join(import.meta.dirname, 'fixtures/user-kernel-check.mjs'), join(apps[name].dir, 'user-kernel.mjs'));
  const prebuilt = await run('node', ['user-kernel.mjs', lib], apps.prebuilt);
  assert.equal(prebuilt.code, 0, prebuilt.stderr);
  assert.deepEqual(JSON.parse(prebuilt.stdout), { native: 'ok', js: 'ok' });
  const portable = await run('node', ['user-kernel.mjs', lib], apps.portable);
  assert.equal(portable.code, 0, portable.stderr);
  const r = JSON.parse(portable.stdout);
  assert.equal(r.js, 'ok');
  assert.match(r.native, /native user kernels run on the C\+\+ addon \(multicore_cpp\.node\), which is not available here/);
});

test("this session's features from the installed package: process-shared primitives and views, a user kernel's workers form, maxQueue, compile without assemblyscript", async () => {
  for (const name of ['prebuilt', 'portable'])
    cpSync(join(import.meta.dirname, 'fixtures/session-features-check.mjs'), join(apps[name].dir, 'session-features.mjs'));
  const prebuilt = await run('node', ['session-features.mjs'], apps.prebuilt);
  assert.equal(prebuilt.code, 0, prebuilt.stderr);
  assert.deepEqual(JSON.parse(prebuilt.stdout), {
    processes: 'ok',
    userKernelWorkers: 'ok',
    maxQueue: 'ok',
    compileWithoutAssemblyScript: 'ok',
  });
  // Without the platform package: everything but the process-shared memory, which says why.
  const portable = await run('node', ['session-features.mjs'], apps.portable);
  assert.equal(portable.code, 0, portable.stderr);
  const r = JSON.parse(portable.stdout);
  assert.deepEqual(
    { ...r, processes: undefined },
    { processes: undefined, userKernelWorkers: 'ok', maxQueue: 'ok', compileWithoutAssemblyScript: 'ok' },
  );
  assert.match(r.processes, /C\+\+/);
});
