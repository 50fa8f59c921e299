// Every kernel on both native backends at every SIMD dispatch level this CPU has: a child `node`
// runs with MULTICORE_SIMD=<level> (read once by each addon), checks that both addons report that
// level and that all seven kernels give the JS backend's bits, at 1 and 3 threads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nativeBackendsHere } from '../helpers/backends.js';
import { loadNative } from '../../dist/native/load.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// The child: ESM from the repo root, so the package's own name resolves to dist/.
const CHILD = `
import * as mc from '@multicore-js/multicore';
import { loadNative } from './dist/native/load.js';
const backends = JSON.parse(process.argv[1]);
const report = { levels: {}, mismatches: [] };
for (const b of backends) report.levels[b] = loadNative(b).addon.info().simdLevel;
let s = 0x9e3779b9;
const rnd = () => { s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0; return s / 2 ** 32; };
const f64 = (n, scale) => Float64Array.from({ length: n }, (_, i) => (rnd() - 0.5) * scale * 2 ** ((i % 23) - 11));
const x = f64(3 * 65536 + 13, 1e3);
const a = f64(37 * 29, 1), bm = f64(29 * 41, 1);
const sortIn = f64(100_003, 1e6); sortIn[5] = NaN; sortIn[6] = -0; sortIn[7] = 0; sortIn[8] = -Infinity;
const kernels = {
  sumSquares: (o) => mc.sumSquares(x, o),
  square: (o) => mc.square(x, o),
  countPrimes: (o) => mc.countPrimes(3_000_017, o),
  mandelbrot: (o) => mc.mandelbrot({ width: 203, height: 61, maxIter: 700 }, o),
  mandelbrotZoom: (o) => mc.mandelbrot({ width: 67, height: 9, maxIter: 9000, xMin: -0.7454, xMax: -0.7452, yMin: 0.1128, yMax: 0.1131 }, o),
  monteCarloPi: (o) => mc.monteCarloPi(3 * (1 << 20) + 77, { ...o, seed: 77 }),
  matmul: (o) => mc.matmul(a, bm, 37, 29, 41, o),
  sort: (o) => mc.sort(sortIn.slice(), o),
};
const bits = (v) => typeof v === 'number' ? [v] : Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
for (const [name, run] of Object.entries(kernels)) {
  const want = bits(await run({ backend: 'js' }));
  for (const backend of backends) for (const threads of [1, 3]) {
    const got = bits(await run({ backend, threads }));
    if (got.length !== want.length || got.some((v, i) => !Object.is(v, want[i]))) report.mismatches.push(name + ' on ' + backend + ' x' + threads);
  }
}
console.log(JSON.stringify(report));
`;

function runAt(level: string, backends: string[]): Promise<{ levels: Record<string, string>; mismatches: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', CHILD, JSON.stringify(backends)],
      { cwd: ROOT, env: { ...process.env, MULTICORE_SIMD: level }, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

// The levels this CPU has, best first: the addons' uncapped choice (asked of a child without
// MULTICORE_SIMD, in case this process runs under a cap) and every level below it.
function levelsHere(): string[] {
  const which = loadNative('cpp').addon ? 'cpp' : loadNative('rust').addon ? 'rust' : null;
  if (!which) return [];
  const env = { ...process.env };
  delete env.MULTICORE_SIMD;
  const best = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { loadNative } from './dist/native/load.js'; console.log(loadNative('${which}').addon.info().simdLevel)`,
    ],
    { cwd: ROOT, env, encoding: 'utf8' },
  ).trim();
  if (best === 'neon') return ['neon', 'baseline'];
  const order = ['baseline', 'avx2', 'avx512'];
  return order.slice(0, order.indexOf(best) + 1).reverse();
}

const backends = nativeBackendsHere();
for (const level of levelsHere()) {
  test(`simd level ${level}: both addons report it and every kernel matches the JS backend bit for bit`, {
    skip: backends.length === 0 && 'no native backend built',
    timeout: 180_000,
  }, async () => {
    const r = await runAt(level, backends);
    for (const b of backends) assert.equal(r.levels[b], level, `${b} info().simdLevel under MULTICORE_SIMD=${level}`);
    assert.deepEqual(r.mismatches, []);
  });
}
