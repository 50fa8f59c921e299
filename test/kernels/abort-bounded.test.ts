// Abort is bounded whatever the parameters: for every kernel on every backend here, with
// parameters that make one chunk as long as the API allows (a Mandelbrot row of pixels that each
// run maxIter = 2^31-1 iterations, a sieve segment near 2^53 crossing millions of base primes,
// 16 matmul rows of a 4096-wide product, one sort of a long array...), an abort due 200 ms after
// the call settles it within BOUND_MS of that moment. The clock starts when the abort was due,
// not when its timer ran: on the js backend a kernel that holds the thread delays the timer
// itself, and that delay is the hang this test catches. Each case runs in its own process
// (test/fixtures/kernels/abort-bounded.mjs), killed if it hangs.
// BOUND_MS is a bound on a hang, not a speed goal: the work between two cancel checks is
// milliseconds on every backend (measured: js/workers settle 1-400 ms after the abort); the rest is
// headroom for a loaded 2-core CI machine (under load 17 a worker matmul took 1.1 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { backendsHere } from '../helpers/backends.js';

const ABORT_AFTER_MS = 200;
const BOUND_MS = 2000;
const fixture = fileURLToPath(new URL('../fixtures/kernels/abort-bounded.mjs', import.meta.url));
const KERNELS = ['mandelbrot', 'countPrimes', 'monteCarloPi', 'matmul', 'sort', 'sumSquares', 'square'];
/** Work bounded by the input's memory: the call may finish before the abort is due. */
const MAY_FINISH = new Set(['sort', 'sumSquares', 'square']);

interface Result {
  abortDue: number;
  abortedAt: number | null;
  settled: number;
  ok: boolean;
  name?: string;
  message?: string;
}

function runCase(kernel: string, backend: string): Promise<Result | 'hung'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture, kernel, backend, String(ABORT_AFTER_MS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    // Building the inputs takes a few seconds; well past that, the call has hung.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) resolve(JSON.parse(line.slice(7)));
      else if (signal === 'SIGKILL') resolve('hung');
      else reject(new Error(`fixture failed (code ${code}, signal ${signal})\n${err}`));
    });
  });
}

for (const backend of backendsHere()) {
  for (const kernel of KERNELS) {
    test(`${kernel} on ${backend}: an abort due at ${ABORT_AFTER_MS} ms settles the call within ${BOUND_MS} ms`, async () => {
      const r = await runCase(kernel, backend);
      assert.notEqual(r, 'hung', 'the call never settled after its abort (process killed after 60 s)');
      const { abortDue, abortedAt, settled, ok, name, message } = r as Result;
      const late = settled - abortDue;
      assert.ok(
        late <= BOUND_MS,
        `settled ${Math.round(late)} ms after the abort was due (bound ${BOUND_MS} ms; the abort timer ran ${
          abortedAt === null ? 'never' : `${Math.round(abortedAt - abortDue)} ms late`
        })`,
      );
      if (ok) assert.ok(MAY_FINISH.has(kernel) && abortedAt === null, 'resolved although aborted: the kernel ran on past the abort');
      else assert.equal(name, 'AbortError', message);
    });
  }
}
