// examples/user-kernel: its wasm and native forms build from source (AssemblyScript from npm, the
// machine's C compiler, cargo), and `multicore bench --kernel` on its bench files runs every form,
// each checked bitwise against the JS form: the blur (with the Rust library) and sumSquares beside
// the built-in sumSquares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExample, exampleBuild, isCI, libraryFile, root } from '../kernels/user-native/helpers.js';

const built = buildExample();
const skip = 'reason' in built ? (isCI ? undefined : built.reason) : undefined;

async function bench(file: string, json: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin', 'multicore.js'),
      'bench',
      '--kernel',
      join('examples', 'user-kernel', file),
      '--quick',
      '--threads',
      '1,2',
      '--json',
      json,
    ],
    {
      cwd: root,
      env: { ...process.env, MULTICORE_EXAMPLE_BUILD: exampleBuild, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const [code] = await once(child, 'exit');
  return { code, out };
}

interface Row {
  id: string;
  threads: number;
  status: string;
  checked?: string;
  reason?: string;
  stats?: { medianMs: number };
}

test('build.mjs builds the wasm, C and Rust forms from source', { skip }, () => {
  assert.ok(!('reason' in built), 'reason' in built ? built.reason : '');
  for (const f of ['blur.wasm', libraryFile('blur'), libraryFile('blur_rust')]) assert.ok(existsSync(join(exampleBuild, f)), f);
  // (typed here: the tests compile without the DOM library, where TypeScript declares WebAssembly)
  type Exports = { name: string; kind: string }[];
  const WA = (globalThis as unknown as { WebAssembly: { Module: { new (b: Uint8Array): object; exports(m: object): Exports } } })
    .WebAssembly;
  const wasm = new WA.Module(readFileSync(join(exampleBuild, 'blur.wasm')));
  assert.deepEqual(
    WA.Module.exports(wasm)
      .filter((e) => e.kind === 'function')
      .map((e) => e.name)
      .sort(),
    ['blur', 'sumSquares'],
  );
});

test("bench --kernel blur.bench.mjs: every form runs and gives the JS form's bits", { skip }, async () => {
  const json = join(mkdtempSync(join(tmpdir(), 'mc-kernel-bench-')), 'blur.json');
  const r = await bench('blur.bench.mjs', json);
  assert.equal(r.code, 0, r.out);
  const report = JSON.parse(readFileSync(json, 'utf8'));
  assert.equal(report.tool, 'multicore bench --kernel');
  assert.equal(report.kernel, 'blur');
  const rows: Row[] = report.sizes[0].rows;
  const key = (x: Row) => `${x.id}×${x.threads}`;
  assert.deepEqual(rows.map(key), [
    'js×1',
    'workers×1',
    'workers×2',
    'wasm×1',
    'wasm×2',
    'native×1',
    'native×2',
    'compare:native (Rust)×1',
    'compare:native (Rust)×2',
  ]);
  for (const row of rows) {
    assert.equal(row.status, 'ok', `${key(row)}: ${row.reason}`);
    assert.ok(row.stats!.medianMs > 0);
    assert.equal(row.checked, row.id === 'js' ? 'reference' : 'bitwise', key(row));
  }
  assert.match(r.out, /wasm runs at [\d.]+× the native form's speed/);
});

test('bench --kernel sum-squares.bench.mjs: the user kernel beside the built-in sumSquares, same bits', { skip }, async () => {
  const json = join(mkdtempSync(join(tmpdir(), 'mc-kernel-bench-')), 'sumsq.json');
  const r = await bench('sum-squares.bench.mjs', json);
  assert.equal(r.code, 0, r.out);
  const rows: Row[] = JSON.parse(readFileSync(json, 'utf8')).sizes[0].rows;
  const builtIn = rows.filter((x) => x.id === 'compare:built-in sumSquares (cpp)');
  assert.equal(builtIn.length, 2);
  for (const row of [...builtIn, ...rows.filter((x) => x.id === 'native' || x.id === 'wasm')]) {
    assert.equal(row.status, 'ok', row.reason);
    assert.equal(row.checked, 'bitwise');
  }
  assert.match(r.out, /native takes [\d.]+× the time of built-in sumSquares \(cpp\)/);
});

test('bench --kernel without the C++ addon: the native rows are skipped with the reason, the others still run', { skip }, async () => {
  const json = join(mkdtempSync(join(tmpdir(), 'mc-kernel-bench-')), 'nocpp.json');
  const r = await bench('sum-squares.bench.mjs', json, { MULTICORE_DISABLE_CPP: '1' });
  assert.equal(r.code, 0, r.out);
  const rows: Row[] = JSON.parse(readFileSync(json, 'utf8')).sizes[0].rows;
  for (const row of rows) {
    if (row.id === 'native' || row.id.startsWith('compare:')) {
      assert.equal(row.status, 'skipped');
      assert.match(row.reason!, /MULTICORE_DISABLE_CPP/);
    } else {
      assert.equal(row.status, 'ok', row.reason);
    }
  }
});
