// signal: aborting stops a running kernel with an AbortError; an aborted signal rejects at once;
// the next call works normally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPrimes, mandelbrot, monteCarloPi, matmul, sort, sumSquares, square, type Backend } from '@multicore-js/multicore';
import { backendsHere } from '../helpers/backends.js';

type Run = (backend: Backend, signal?: AbortSignal) => Promise<unknown>;
const big = new Float64Array(4_000_000).map((_, i) => (i * 7919) % 1000);
const mat = new Float64Array(400 * 400).fill(1.5);

// Each workload takes well over a few hundred ms on one thread of any backend.
const kernels: Record<string, Run> = {
  countPrimes: (backend, signal) => countPrimes(3_000_000_000, { backend, signal, threads: 2 }),
  mandelbrot: (backend, signal) => mandelbrot({ width: 2000, height: 2000, maxIter: 5000 }, { backend, signal, threads: 2 }),
  monteCarloPi: (backend, signal) => monteCarloPi(2 ** 40, { backend, signal, threads: 2 }),
  matmul: (backend, signal) => matmul(mat, mat, 400, 400, 400, { backend, signal, threads: 1 }),
  sumSquares: (backend, signal) => sumSquares(big, { backend, signal, threads: 1 }),
  square: (backend, signal) => square(big, { backend, signal, threads: 1 }),
  sort: (backend, signal) => sort(big.slice(), { backend, signal, threads: 1 }),
};

const isAbortError = (err: unknown) => err instanceof Error && err.name === 'AbortError';

for (const [name, run] of Object.entries(kernels)) {
  test(`${name}: an already-aborted signal rejects at once`, async () => {
    for (const backend of backendsHere()) {
      await assert.rejects(run(backend, AbortSignal.abort()), isAbortError, backend);
    }
  });
}

// Long-running kernels: abort mid-run must stop them (they would take minutes otherwise).
for (const name of ['countPrimes', 'mandelbrot', 'monteCarloPi']) {
  test(`${name}: aborting mid-run rejects with AbortError, and the next call works`, async () => {
    for (const backend of backendsHere()) {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(kernels[name](backend, controller.signal), isAbortError, backend);
      assert.ok(Date.now() - started < 30_000, `${backend} stopped`);
      assert.equal(await countPrimes(1000, { backend }), 168, `${backend} works after abort`);
    }
  });
}

// The kernel may well finish before the abort is seen (a tiny input, or threads scheduled so that
// the pool runs to the end first, as under valgrind): the abort still wins while the promise is
// pending, so the outcome does not depend on timing.
for (const [name, run] of Object.entries({
  countPrimes: (backend: Backend, signal: AbortSignal) => countPrimes(10, { backend, signal }),
  sumSquares: (backend: Backend, signal: AbortSignal) => sumSquares(new Float64Array([3, 4]), { backend, signal }),
  sort: (backend: Backend, signal: AbortSignal) => sort(new Float64Array([2, 1]), { backend, signal }),
})) {
  test(`${name}: an abort right after a call on a tiny input rejects, whatever finished first`, async () => {
    for (const backend of backendsHere()) {
      for (let i = 0; i < 20; i++) {
        const controller = new AbortController();
        const pending = run(backend, controller.signal);
        controller.abort();
        await assert.rejects(pending, isAbortError, `${backend} run ${i}`);
      }
    }
  });
}

test('abort reason is kept as the cause', async () => {
  const controller = new AbortController();
  const reason = new Error('user went away');
  controller.abort(reason);
  await assert.rejects(countPrimes(1e9, { signal: controller.signal }), (err: Error & { cause?: unknown }) => err.cause === reason);
});
