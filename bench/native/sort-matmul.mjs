#!/usr/bin/env node
// sort and matmul of the native backends next to NumPy, same inputs, same thread counts.
//
//   node bench/native/sort-matmul.mjs [--sort-n 10000000] [--mm-n 1024] [--threads 1,2] [--rounds 3] [--reps 3]
//                                     [--python /usr/bin/python3] [--blas-dir DIR] [--no-js]
//
// Every configuration runs in its own child process (MULTICORE_SIMD caps the dispatch level at
// load time): C++ and Rust at each SIMD level this CPU has, at each thread count, NumPy with
// OPENBLAS_NUM_THREADS (and friends) set to the same count, capped at each level alike
// (OPENBLAS_CORETYPE, NPY_DISABLE_CPU_FEATURES: src/cli/bench/peers/simd-cap.ts); each of our
// rows is compared with NumPy at its own level. Rounds alternate the configurations
// (A, B, C, A, B, C, ...) and the table shows medians, so a noisy machine hurts all rows alike.
// Every result is cross-checked: sort bit for bit against Float64Array.prototype.sort (NumPy
// too), matmul bit for bit between our configurations and the JS reference, NumPy within a
// relative tolerance (BLAS uses FMA and its own summation order).
//
// --blas-dir puts a BLAS first on NumPy's library path, e.g. Debian's OpenBLAS unpacked without
// installing it: `apt-get download libopenblas0-pthread && dpkg -x libopenblas0-pthread_*.deb ob`
// then `--blas-dir ob/usr/lib/x86_64-linux-gnu/openblas-pthread`. The table names the BLAS NumPy loaded.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// mulberry32, the bench's inputs, and the NumPy cap per level (dist/ comes from `npx tsc -p tsconfig.json`).
const { rng } = await import(new URL('../../dist/util/random.js', import.meta.url).href);
const { peerSimdCap } = await import(new URL('../../dist/cli/bench/peers/simd-cap.js', import.meta.url).href);
const { numpyDispatch } = await import(new URL('../../dist/cli/bench/peers/python.js', import.meta.url).href);

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ADDONS = { cpp: join(root, 'build/cpp/Release/multicore_cpp.node'), rust: join(root, 'build/rust/multicore_rust.node') };

function parseArgs(argv) {
  const o = { sortN: 10_000_000, mmN: 1024, threads: [1, 2], rounds: 3, reps: 3, python: '/usr/bin/python3', blasDir: '', js: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i],
      v = () => argv[++i];
    if (a === '--sort-n') o.sortN = Number(v());
    else if (a === '--mm-n') o.mmN = Number(v());
    else if (a === '--threads') o.threads = v().split(',').map(Number);
    else if (a === '--rounds') o.rounds = Number(v());
    else if (a === '--reps') o.reps = Number(v());
    else if (a === '--python') o.python = v();
    else if (a === '--blas-dir') o.blasDir = v();
    else if (a === '--no-js') o.js = false;
    else if (a === '--child') o.child = JSON.parse(v());
    else throw new Error(`unknown option ${a} (see the header of ${fileURLToPath(import.meta.url)})`);
  }
  return o;
}

function randomFloat64(n, seed) {
  const r = rng(seed),
    x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = r() * 2 - 1;
  return x;
}
const sha = (x) =>
  createHash('sha256')
    .update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength))
    .digest('hex')
    .slice(0, 16);
const readF64 = (path) => {
  const b = readFileSync(path);
  return new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};

// ---- child: one backend, one level (from MULTICORE_SIMD), one thread count ----
async function child({ backend, threads, dir, reps }) {
  const x = readF64(join(dir, 'sort.f64')),
    a = readF64(join(dir, 'a.f64')),
    b = readF64(join(dir, 'b.f64'));
  const n = Math.round(Math.sqrt(a.length));
  let run;
  if (backend === 'js') {
    const { matmulRows } = await import(pathToFileURL(join(root, 'dist/kernels/js/matmul.js')).href);
    run = {
      sort: async (y) => {
        y.sort();
      },
      matmul: async (out) => matmulRows(a, b, out, n, n, 0, n),
    };
  } else {
    const addon = createRequire(import.meta.url)(ADDONS[backend]);
    run = { sort: (y) => addon.sort(y, threads), matmul: (out) => addon.matmul(a, b, out, n, n, n, threads) };
  }
  const res = { sort: [], matmul: [], sortCpu: [], matmulCpu: [] };
  const cpuMs = (c) => {
    const u = process.cpuUsage(c);
    return (u.user + u.system) / 1e3;
  };
  const y = new Float64Array(x.length),
    out = new Float64Array(n * n);
  for (let r = 0; r <= reps; r++) {
    // run 0 warms up and gives the checked result
    y.set(x);
    let t = performance.now(),
      c = process.cpuUsage();
    await run.sort(y);
    if (r) {
      res.sort.push(performance.now() - t);
      res.sortCpu.push(cpuMs(c));
    } else res.sortHash = sha(y);
    out.fill(0);
    t = performance.now();
    c = process.cpuUsage();
    await run.matmul(out);
    if (r) {
      res.matmul.push(performance.now() - t);
      res.matmulCpu.push(cpuMs(c));
    } else {
      res.matmulHash = sha(out);
      if (backend === 'js') writeFileSync(join(dir, 'mm-ref.f64'), out);
    }
  }
  if (backend !== 'js') res.level = createRequire(import.meta.url)(ADDONS[backend]).info().simdLevel;
  process.stdout.write(JSON.stringify(res));
}

// biome-ignore lint/complexity/noUselessStringRaw: Python source: a backslash added to it later must reach Python as written
const NUMPY = String.raw`
import sys, os, json, time, hashlib, numpy as np
d, reps = sys.argv[1], int(sys.argv[2])
x = np.fromfile(d + '/sort.f64'); a = np.fromfile(d + '/a.f64'); b = np.fromfile(d + '/b.f64')
n = int(round(len(a) ** 0.5)); a = a.reshape(n, n); b = b.reshape(n, n)
res = {'sort': [], 'matmul': [], 'sortCpu': [], 'matmulCpu': []}
for r in range(reps + 1):
    y = x.copy(); t = time.perf_counter(); c = time.process_time(); y.sort()
    dt, dc = (time.perf_counter() - t) * 1e3, (time.process_time() - c) * 1e3
    if r: res['sort'].append(dt); res['sortCpu'].append(dc)
    else: res['sortHash'] = hashlib.sha256(y.tobytes()).hexdigest()[:16]
    t = time.perf_counter(); c0 = time.process_time(); c = a @ b
    dt, dc = (time.perf_counter() - t) * 1e3, (time.process_time() - c0) * 1e3
    if r: res['matmul'].append(dt); res['matmulCpu'].append(dc)
    elif os.path.exists(d + '/mm-ref.f64'):
        ref = np.fromfile(d + '/mm-ref.f64').reshape(n, n)
        scale = np.abs(a) @ np.abs(b)
        res['matmulMaxRelErr'] = float(np.max(np.abs(c - ref) / np.maximum(scale, 1e-300)))
blas = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower() and '.so' in l})
res['blas'] = ', '.join(blas) or 'unknown'
try:
    import ctypes
    get = ctypes.CDLL(next(b for b in blas if 'openblas' in b.lower())).openblas_get_corename
    get.restype = ctypes.c_char_p
    res['blas'] += ' (' + get().decode() + ')'
except Exception:
    pass
res['version'] = np.__version__
print(json.dumps(res))
`;

function spawnJson(cmd, args, env) {
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 2).join(' ')} failed: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.child) return child(o.child);
  for (const [b, p] of Object.entries(ADDONS))
    if (!existsSync(p)) console.log(`(${b}: ${p} missing — run \`node scripts/build-native.mjs ${b}\`)`);
  if (o.js && !existsSync(join(root, 'dist/kernels/js/matmul.js'))) {
    console.log('(js: dist/ missing — run `npx tsc -p tsconfig.json`; JS row skipped)');
    o.js = false;
  }
  const backends = Object.keys(ADDONS).filter((b) => existsSync(ADDONS[b]));
  const dir = mkdtempSync(join(tmpdir(), 'mc-sortmat-'));
  try {
    writeFileSync(join(dir, 'sort.f64'), randomFloat64(o.sortN, 1));
    writeFileSync(join(dir, 'a.f64'), randomFloat64(o.mmN * o.mmN, 2));
    writeFileSync(join(dir, 'b.f64'), randomFloat64(o.mmN * o.mmN, 3));
    const refSort = sha(readF64(join(dir, 'sort.f64')).slice().sort());

    // Levels this CPU has, from an uncapped child's view.
    const best = backends.length
      ? spawnJson(
          process.execPath,
          ['-e', `console.log(JSON.stringify(require(${JSON.stringify(ADDONS[backends[0]])}).info().simdLevel))`],
          { MULTICORE_SIMD: '' },
        )
      : 'baseline';
    const levels =
      best === 'neon' ? ['baseline', 'neon'] : ['baseline', 'avx2', 'avx512'].slice(0, ['baseline', 'avx2', 'avx512'].indexOf(best) + 1);
    const configs = [];
    if (o.js) configs.push({ key: 'js ×1', backend: 'js', threads: 1, level: '' });
    for (const backend of backends)
      for (const level of [...levels].reverse())
        for (const threads of o.threads) configs.push({ key: `${backend} ${level} ×${threads}`, backend, threads, level });
    const numpy = spawnSync(o.python, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
    if (!numpy)
      console.log(`(NumPy rows skipped: \`${o.python} -c "import numpy"\` failed — on Debian/Ubuntu: apt-get install python3-numpy)`);
    else {
      const dispatch = numpyDispatch(o.python) ?? [];
      for (const level of [...levels].reverse())
        for (const threads of o.threads)
          configs.push({
            key: `numpy ${level} ×${threads}`,
            backend: 'numpy',
            threads,
            level,
            env: peerSimdCap(level === best ? undefined : level, process.arch, dispatch).env,
          });
    }

    const results = new Map(configs.map((c) => [c.key, { sort: [], matmul: [], sortCpu: [], matmulCpu: [] }]));
    const blasEnv = (t) => ({
      OPENBLAS_NUM_THREADS: String(t),
      OMP_NUM_THREADS: String(t),
      MKL_NUM_THREADS: String(t),
      ...(o.blasDir ? { LD_LIBRARY_PATH: [o.blasDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') } : {}),
    });
    // The JS row writes the matmul reference NumPy is checked against: it runs first in each round.
    for (let round = 0; round < o.rounds; round++) {
      for (const c of configs) {
        if (process.stderr.isTTY) process.stderr.write(`\rround ${round + 1}/${o.rounds}: ${c.key.padEnd(22)}`);
        const r =
          c.backend === 'numpy'
            ? spawnJson(o.python, ['-c', NUMPY, dir, String(o.reps)], { ...blasEnv(c.threads), ...c.env })
            : spawnJson(
                process.execPath,
                [fileURLToPath(import.meta.url), '--child', JSON.stringify({ backend: c.backend, threads: c.threads, dir, reps: o.reps })],
                { MULTICORE_SIMD: c.level },
              );
        const acc = results.get(c.key);
        for (const f of ['sort', 'matmul', 'sortCpu', 'matmulCpu']) acc[f].push(...r[f]);
        Object.assign(acc, {
          sortHash: r.sortHash,
          matmulHash: r.matmulHash,
          level: r.level ?? c.level,
          blas: r.blas,
          version: r.version,
          err: r.matmulMaxRelErr,
        });
      }
    }
    if (process.stderr.isTTY) process.stderr.write(`${'\r'.padEnd(40)}\r`);
    report(o, configs, results, refSort);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(o, configs, results, refSort) {
  const cpus = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1];
    } catch {
      return undefined;
    }
  })();
  console.log(
    `sort ${o.sortN.toExponential(0)} f64 and matmul ${o.mmN}² f64 — ${cpus ?? process.arch}; medians of ${o.rounds}×${o.reps} runs (ms)`,
  );
  // NumPy at a level and thread count: the row each of ours at that level is compared with.
  const np = (level, t) =>
    results.get(`numpy ${level} ×${t}`) ?? results.get(`numpy ${configs.find((c) => c.backend === 'numpy')?.level} ×${t}`);
  const np1Of = (level) => np(level, 1) ?? np(level, o.threads[0]);
  const np1 = np1Of(configs.find((c) => c.backend === 'numpy')?.level);
  const refMatmul = results.get('js ×1')?.matmulHash ?? [...results.values()].find((r) => r.matmulHash)?.matmulHash;
  // Wall time is what a caller waits; CPU time (all threads of the process) shows the work itself
  // and, at one thread, what the wall time would be on an idle machine.
  const rows = [['config', 'level', 'sort ms', '(cpu)', '/ numpy×1', 'matmul ms', '(cpu)', '/ numpy same level, same ×', 'check']];
  const problems = [];
  for (const c of configs) {
    const r = results.get(c.key);
    if (!r.sort.length) continue;
    const s = median(r.sort),
      m = median(r.matmul);
    const npSame = c.level ? np(c.level, c.threads) : np(configs.find((x) => x.backend === 'numpy')?.level, c.threads);
    const npOne = c.level ? np1Of(c.level) : np1;
    const checks = [];
    if (r.sortHash !== refSort) checks.push('SORT DIFFERS');
    if (c.backend === 'numpy') {
      if (r.err !== undefined) checks.push(`matmul rel err ${r.err.toExponential(1)}`);
      if (r.err > 1e-12) checks.push('TOO FAR');
    } else if (r.matmulHash !== refMatmul) checks.push('MATMUL DIFFERS');
    if (checks.some((x) => /DIFFERS|FAR/.test(x))) problems.push(c.key);
    rows.push([
      c.key,
      r.level ?? '',
      s.toFixed(1),
      median(r.sortCpu).toFixed(1),
      npOne ? `${(s / median(npOne.sort)).toFixed(2)}×` : '',
      m.toFixed(1),
      median(r.matmulCpu).toFixed(1),
      npSame ? `${(m / median(npSame.matmul)).toFixed(2)}×` : '',
      checks.join(', ') || 'ok',
    ]);
  }
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows) console.log(r.map((v, i) => String(v).padEnd(w[i])).join('  '));
  for (const c of configs.filter((c) => c.backend === 'numpy' && c.threads === o.threads[0]))
    console.log(`NumPy ${c.level}: ${results.get(c.key).version}, BLAS ${results.get(c.key).blas}`);
  // C++ / Rust at one thread, per level.
  const pairs = [];
  for (const c of configs.filter((c) => c.backend === 'cpp' && c.threads === 1)) {
    const rr = results.get(`rust ${c.level} ×1`),
      cc = results.get(c.key);
    if (rr?.sort.length)
      pairs.push(
        `${c.level}: sort ${(median(cc.sort) / median(rr.sort)).toFixed(2)}, matmul ${(median(cc.matmul) / median(rr.matmul)).toFixed(2)}`,
      );
  }
  if (pairs.length) console.log(`C++ / Rust time at one thread — ${pairs.join('; ')}`);
  if (problems.length) {
    console.log(`RESULTS DIFFER: ${problems.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
