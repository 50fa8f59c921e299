#!/usr/bin/env node
// The native safety net (issue 9): sanitizer, race and leak checks of both native backends.
// One command for CI: `node scripts/sanitize.mjs`; exits non-zero if any step fails or any tool
// reports anything. `node scripts/sanitize.mjs --list` shows the steps; naming steps runs only
// those (e.g. `node scripts/sanitize.mjs asan-node tsan-ctest`); `--no-build` reuses the
// sanitizer builds already in build/. See docs/native-safety.md for what each step checks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isCI = /^(1|true)$/i.test(process.env.CI ?? '');
const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const fixtures = join(root, 'test/fixtures/safety');
const logDir = join(root, 'build/sanitize-logs');
mkdirSync(logDir, { recursive: true });

const asanAddon = join(root, 'build/cpp-address/Release/multicore_cpp.node');
const cppAddon = join(root, 'build/cpp/Release/multicore_cpp.node');
const rustAddon = join(root, 'build/rust/multicore_rust.node');
const rustManifest = join(root, 'native/rust/Cargo.toml');
const rustTarget = 'x86_64-unknown-linux-gnu';

// What a sanitizer or valgrind prints when it found something. Checked in every step's output
// on top of the exit status, so that a report can never pass unnoticed.
const REPORT =
  /ERROR: AddressSanitizer|ERROR: LeakSanitizer|WARNING: ThreadSanitizer|ThreadSanitizer: reported|runtime error: |SUMMARY: UndefinedBehaviorSanitizer|==\d+== ERROR SUMMARY: [1-9]/;

function sh(cmd, cmdArgs, { env = {}, timeoutS = 600, log } = {}) {
  const line = `$ ${Object.entries(env)
    .map(([k, v]) => `${k}=${v} `)
    .join('')}${cmd} ${cmdArgs.join(' ')}`;
  console.log(`[sanitize] ${line}`);
  const r = spawnSync(cmd, cmdArgs, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    timeout: timeoutS * 1000,
    killSignal: 'SIGKILL',
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (log) writeFileSync(join(logDir, `${log}.log`), `${line}\n${out}`);
  const tail = out.split('\n').slice(-25).join('\n');
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL') return { ok: false, why: `timed out after ${timeoutS} s`, out, tail };
  if (r.error) return { ok: false, why: r.error.message, out, tail };
  if (r.status !== 0) return { ok: false, why: `exit ${r.status ?? r.signal}`, out, tail };
  const m = REPORT.exec(out);
  if (m) return { ok: false, why: `tool report: "${m[0]}"`, out, tail };
  return { ok: true, out, tail };
}

function have(cmd, cmdArgs = ['--version']) {
  return spawnSync(cmd, cmdArgs, { stdio: 'ignore' }).status === 0;
}
const libasan = () => spawnSync('gcc', ['-print-file-name=libasan.so'], { encoding: 'utf8' }).stdout.trim();

// The environment that runs Node with the ASan+UBSan C++ addon: the ASan runtime must come first
// in the process (Node itself is not instrumented), Node's own allocations at exit are not ours
// (detect_leaks=0; leaks are checked by the LSan and valgrind steps), and UBSan stops at once.
function asanNodeEnv() {
  return {
    LD_PRELOAD: libasan(),
    ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=0:halt_on_error=1:allocator_may_return_null=1:detect_stack_use_after_return=0',
    UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
    MULTICORE_CPP_ADDON: asanAddon,
    MULTICORE_DISABLE_RUST: '1',
    SAFETY_BACKENDS: 'cpp',
  };
}

const steps = {
  'asan-build': {
    what: 'build the C++ addon and its unit tests with ASan+UBSan (build/cpp-address)',
    run: () =>
      noBuild && existsSync(asanAddon)
        ? { ok: true, tail: 'reused' }
        : sh(process.execPath, ['scripts/build-native.mjs', 'cpp'], {
            env: { MULTICORE_SANITIZE: 'address' },
            timeoutS: 900,
            log: 'asan-build',
          }),
  },
  'asan-ctest': {
    what: 'C++ unit tests (pool + every kernel, serial and parallel) under ASan+UBSan, with LeakSanitizer on',
    run: () =>
      ctest(
        'build/cpp-address',
        { ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=1', UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1' },
        'asan-ctest',
      ),
  },
  'asan-node': {
    what: 'short kernel test set under Node with the ASan+UBSan addon (raw-binding fuzz, properties, aborts, churn)',
    run: () => {
      const env = asanNodeEnv();
      // First prove the sanitized addon is the one loaded, with the ASan runtime in the process.
      const probe = sh(
        process.execPath,
        [
          '-e',
          `
        const m = require('node:module').createRequire(process.cwd() + '/')(process.env.MULTICORE_CPP_ADDON);
        if (m.sumSquaresSync(new Float64Array([3, 4]), 1) !== 25) throw new Error('wrong result');
        const maps = require('node:fs').readFileSync('/proc/self/maps', 'utf8');
        if (!maps.includes('libasan.so')) throw new Error('ASan runtime not loaded');
        if (!maps.includes('cpp-address/Release/multicore_cpp.node')) throw new Error('sanitized addon not loaded');
        console.log('probe ok');`,
        ],
        { env, log: 'asan-node-probe' },
      );
      if (!probe.ok) return probe;
      const runs = [
        ['raw-binding.mjs', ['cpp'], { SAFETY_RUNS: '800' }],
        ...['sumSquares', 'sumSquaresSync', 'square', 'squareSync', 'countPrimes', 'mandelbrot', 'monteCarloPi', 'matmul', 'sort'].map(
          (k) => ['valid-inputs.mjs', [k], { SAFETY_RUNS: '10' }],
        ),
        ['invalid-inputs.mjs', ['matmul'], { SAFETY_RUNS: '150' }],
        ['invalid-inputs.mjs', ['mandelbrot'], { SAFETY_RUNS: '150' }],
        ['abort-reentry.mjs', [], { SAFETY_RUNS: '12' }],
        ['churn.mjs', [], { CHURN_WORKERS: '24', CHURN_RSS_BOUND_MIB: '100000' }, ['--expose-gc']],
        ['leak.mjs', [], { LEAK_CALLS: '12000', LEAK_RSS_BOUND_MIB: '100000' }, ['--expose-gc']],
        ['detach-in-flight.mjs', [], {}, ['--expose-gc']],
        ['shm.mjs', [], {}, ['--expose-gc']],
      ];
      return series(
        runs.map(
          ([file, fargs, extra, nodeArgs = []]) =>
            () =>
              sh(process.execPath, [...nodeArgs, join(fixtures, file), ...fargs], {
                env: { ...env, ...extra },
                timeoutS: 300,
                log: `asan-node-${file.replace('.mjs', '')}${fargs[0] ? `-${fargs[0]}` : ''}`,
              }),
        ),
      );
    },
  },
  'tsan-build': {
    what: 'build the C++ unit tests with ThreadSanitizer (build/cpp-thread)',
    run: () =>
      noBuild && existsSync(join(root, 'build/cpp-thread/CTestTestfile.cmake'))
        ? { ok: true, tail: 'reused' }
        : sh(process.execPath, ['scripts/build-native.mjs', 'cpp'], {
            env: { MULTICORE_SANITIZE: 'thread' },
            timeoutS: 900,
            log: 'tsan-build',
          }),
  },
  'tsan-ctest': {
    what: 'C++ pool and kernel unit tests (their parallel paths, cancellation) under ThreadSanitizer',
    run: () => ctest('build/cpp-thread', { TSAN_OPTIONS: 'halt_on_error=1:second_deadlock_stack=1' }, 'tsan-ctest'),
  },
  'valgrind-node': {
    what: 'memcheck of a short kernel run on both normal (release) addons; errors and definite leaks in our .node frames fail',
    run: () => valgrindNode('short-kernels.mjs', 'valgrind'),
  },
  'valgrind-shm': {
    what: 'memcheck of the shared-memory and futex binding (segments, GC unmapping, async waits, a worker torn down mid-wait)',
    run: () => valgrindNode('shm.mjs', 'valgrind-shm'),
  },
  'rust-asan': {
    what: 'Rust kernel tests (stress + cancellation included) with -Zsanitizer=address on nightly (LeakSanitizer on)',
    run: () => rust('address', { ASAN_OPTIONS: 'detect_leaks=1:halt_on_error=1' }),
  },
  'rust-tsan': {
    what: 'Rust kernel tests with -Zsanitizer=thread on nightly',
    run: () => rust('thread', { TSAN_OPTIONS: 'halt_on_error=1' }),
  },
  'rust-debug-stress': {
    what: 'Rust kernel tests in release with debug assertions and overflow checks',
    run: () =>
      sh(
        'cargo',
        [
          'test',
          '--release',
          '--manifest-path',
          rustManifest,
          '-p',
          'multicore-kernels',
          '--target-dir',
          'build/rust-sanitize/debug-assertions',
        ],
        { env: { RUSTFLAGS: '-C debug-assertions=on -C overflow-checks=on' }, timeoutS: 900, log: 'rust-debug-stress' },
      ),
  },
};

function ctest(dir, env, log) {
  if (!existsSync(join(root, dir, 'CTestTestfile.cmake'))) return { ok: false, why: `${dir} has no CTest tests (build step failed?)` };
  const r = sh('ctest', ['--test-dir', dir, '--output-on-failure', '-j', '2', '--timeout', '600'], { env, timeoutS: 900, log });
  // A configuration without GoogleTest registers one skipped placeholder: that is not a pass.
  if (r.ok && /cpp_unit_tests_not_built|No tests were found/.test(r.out))
    return { ok: false, why: 'the C++ unit tests were not built (GoogleTest missing?)', tail: r.tail };
  return r;
}

function series(fns) {
  const tails = [];
  for (const fn of fns) {
    const r = fn();
    tails.push(
      r.tail
        ?.split('\n')
        .filter((l) => l.startsWith('RESULT') || l.includes('probe ok'))
        .join('\n'),
    );
    if (!r.ok) return r;
  }
  return { ok: true, tail: tails.filter(Boolean).join('\n') };
}

function rust(sanitizer, env) {
  const nightly = spawnSync('rustup', ['toolchain', 'list'], { encoding: 'utf8' }).stdout ?? '';
  if (!/^nightly/m.test(nightly)) return { ok: false, missing: true, why: 'no nightly Rust toolchain (rustup toolchain install nightly)' };
  // ASan: std is not rebuilt, so std itself is not instrumented (our crates and rayon-core are).
  // TSan must see std's synchronisation, and rustc refuses to mix sanitized and plain crates for
  // it: std is rebuilt with -Zbuild-std, which needs the nightly rust-src component.
  const buildStd = sanitizer === 'thread';
  if (buildStd) {
    const comps = spawnSync('rustup', ['+nightly', 'component', 'list', '--installed'], { encoding: 'utf8' }).stdout ?? '';
    if (!/^rust-src/m.test(comps))
      return { ok: false, missing: true, why: 'nightly rust-src missing (rustup component add rust-src --toolchain nightly)' };
  }
  return sh(
    'cargo',
    [
      '+nightly',
      'test',
      ...(buildStd ? ['-Zbuild-std'] : []),
      '--lib',
      '--tests',
      '--release',
      '--target',
      rustTarget,
      '--manifest-path',
      rustManifest,
      '-p',
      'multicore-kernels',
      '--target-dir',
      `build/rust-sanitize/${sanitizer}`,
    ],
    {
      env: { RUSTFLAGS: `-Zsanitizer=${sanitizer} -Cforce-frame-pointers=yes`, RUST_TEST_THREADS: '2', ...env },
      timeoutS: 900,
      log: `rust-${sanitizer}`,
    },
  );
}

function valgrindNode(fixture, log) {
  if (!have('valgrind')) return { ok: false, missing: true, why: 'valgrind not installed (apt-get install valgrind)' };
  const missing = [cppAddon, rustAddon].filter((f) => !existsSync(f));
  if (missing.length) return { ok: false, why: `not built: ${missing.join(', ')}` };
  const xml = join(logDir, `${log}.xml`);
  const r = sh(
    'valgrind',
    [
      '--tool=memcheck',
      '--leak-check=full',
      '--show-leak-kinds=definite',
      '--errors-for-leak-kinds=definite',
      '--track-origins=no',
      '--error-limit=no',
      '--xml=yes',
      `--xml-file=${xml}`,
      '--trace-children=no',
      process.execPath,
      '--max-semi-space-size=16',
      '--expose-gc',
      join(fixtures, fixture),
    ],
    { timeoutS: 600, log: log === 'valgrind' ? 'valgrind-node' : log },
  );
  if (!r.ok && !existsSync(xml)) return r;
  // Node and V8 have their own valgrind noise (JIT code, allocations kept until exit); only
  // errors with one of our addons in the stack count.
  const text = readFileSync(xml, 'utf8');
  const errors = text.split('<error>').slice(1);
  const ours = errors.filter((e) => /multicore_(cpp|rust)\.node/.test(e));
  const summary = ours.map(
    (e) =>
      `${/<kind>(.*?)<\/kind>/.exec(e)?.[1]}: ${/<text>(.*?)<\/text>/s.exec(e)?.[1] ?? /<what>(.*?)<\/what>/s.exec(e)?.[1]}\n  ${[
        ...e.matchAll(/<fn>(.*?)<\/fn>/g),
      ]
        .slice(0, 6)
        .map((m) => m[1])
        .join(' < ')}`,
  );
  const ran = /RESULT/.test(r.out);
  if (!ran) return { ok: false, why: 'the kernel run under valgrind did not finish', tail: r.tail };
  if (ours.length) return { ok: false, why: `${ours.length} memcheck error(s) in our code`, tail: summary.join('\n') };
  return {
    ok: true,
    tail: `${errors.length} memcheck record(s) in total, none with a multicore .node frame\n${r.out.split('\n').find((l) => l.startsWith('RESULT'))}`,
  };
}

// ---- main
if (args.includes('--list')) {
  for (const [name, s] of Object.entries(steps)) console.log(`${name.padEnd(18)} ${s.what}`);
  process.exit(0);
}
const chosen = args.filter((a) => !a.startsWith('-'));
const unknown = chosen.filter((a) => !steps[a]);
if (unknown.length) {
  console.error(`[sanitize] unknown step(s): ${unknown.join(', ')} (see --list)`);
  process.exit(2);
}
const t0 = Date.now();
const results = [];
for (const [name, step] of Object.entries(steps)) {
  if (chosen.length && !chosen.includes(name)) continue;
  // Builds that another step needs failing makes that step fail too (its own check says why).
  console.log(`\n[sanitize] ── ${name}: ${step.what}`);
  const started = Date.now();
  let r;
  try {
    r = step.run();
  } catch (err) {
    r = { ok: false, why: err.message };
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  // A tool that is not installed here fails under CI=true; locally it is reported and skipped.
  const status = r.ok ? 'ok' : r.missing && !isCI ? 'skipped' : 'FAILED';
  results.push({ name, status, seconds, why: r.why, tail: r.tail });
  if (r.tail)
    console.log(
      r.tail
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  console.log(`[sanitize] ${name}: ${status}${r.why ? ` — ${r.why}` : ''} (${seconds} s; log in build/sanitize-logs/)`);
}
console.log(`\n[sanitize] summary (${Math.round((Date.now() - t0) / 1000)} s):`);
for (const r of results)
  console.log(`  ${r.status.padEnd(8)} ${r.name.padEnd(18)} ${String(r.seconds).padStart(4)} s${r.why ? `  ${r.why}` : ''}`);
const failed = results.filter((r) => r.status === 'FAILED');
// Repeat what each failed step printed last, next to the summary: a CI log is often read from the end.
for (const r of failed)
  if (r.tail)
    console.error(
      `\n[sanitize] ${r.name} ended with:\n${r.tail
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}`,
    );
if (failed.length) console.error(`[sanitize] FAILED: ${failed.map((r) => r.name).join(', ')}`);
process.exit(failed.length ? 1 : 0);
