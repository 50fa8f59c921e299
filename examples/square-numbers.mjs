// Seed 002, CPU-bound work on every core:
//
//   def square_numbers():
//       for i in range(1_000_000):
//           i * i
//   for _ in range(multiprocessing.cpu_count()):
//       p = multiprocessing.Process(target=square_numbers); p.start()
//
// The seed throws its squares away; here the work is kept honest: sum (i mod 1000)^2 over i < N, split
// into one range per core, and every answer is checked against the exact total. Ways compared:
//   main thread       one plain JS loop (V8 JIT) on the event loop's thread
//   processes         ProcessPoolExecutor, one range per core (Python's multiprocessing)
//   threads           ThreadPoolExecutor, one range per core: in Node threads run JS in parallel, no GIL
//   native            the C++ / Rust kernels sumSquares and square over a Float64Array, on every core
// "cold" includes starting the pool; "warm" is a second run on the same pool.
//
//   node examples/square-numbers.mjs
import { performance } from 'node:perf_hooks';
import { ProcessPoolExecutor, ThreadPoolExecutor, allocate, info, sumSquares, square } from '@multicore-js/multicore';

const N = 12_000_000;
const EXACT = (N / 1000) * 332_833_500; // N/1000 blocks of 0^2 + ... + 999^2; every partial sum is exact
const { cores, backends } = info();

function squareNumbers(start, end) {
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = i % 1000;
    sum += v * v;
  }
  return sum;
}

const ranges = Array.from({ length: cores }, (_, c) => [Math.floor((c * N) / cores), Math.floor(((c + 1) * N) / cores)]);
let failures = 0;
function row(label, ms, sum) {
  const ok = sum === EXACT;
  if (!ok) failures++;
  console.log(`  ${label.padEnd(40)} ${ms.toFixed(1).padStart(8)} ms   sum ${sum.toLocaleString('en-US')} ${ok ? 'ok' : 'WRONG'}`);
}
async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

console.log(`square_numbers: sum of (i mod 1000)^2 for i < ${N.toLocaleString('en-US')}, ${cores} parts (cpu_count = ${cores})`);
const [tMain, sMain] = await timed(() => squareNumbers(0, N));
row('main thread, one JS loop', tMain, sMain);

for (const [name, Pool] of [
  ['processes', ProcessPoolExecutor],
  ['threads', ThreadPoolExecutor],
]) {
  const pool = new Pool({ maxWorkers: cores });
  try {
    for (const when of ['cold', 'warm']) {
      const [ms, parts] = await timed(() => Promise.all(ranges.map(([a, b]) => pool.submit(squareNumbers, a, b))));
      row(
        `${Pool.name}, ${cores} ${name} (${when})`,
        ms,
        parts.reduce((a, b) => a + b, 0),
      );
    }
  } finally {
    await pool.shutdown();
  }
}

const natives = ['cpp', 'rust'].filter((b) => backends[b].available);
if (natives.length === 0) console.log('  (native backends unavailable: build them with `npm run build:native`)');
if (natives.length) {
  const x = allocate(Float64Array, N); // in huge pages where the OS has them: long reads stream faster
  for (let i = 0; i < N; i++) x[i] = i % 1000;
  for (const backend of natives) {
    const [ms, sum] = await timed(() => sumSquares(x, { backend, threads: cores }));
    row(`native sumSquares, ${backend}, ${cores} threads`, ms, sum);
  }
  for (const backend of natives) {
    const out = new Float64Array(N);
    const [ms] = await timed(() => square(x, { backend, threads: cores, out }));
    row(`native square, ${backend}, ${cores} threads`, ms, sumOf(out)); // the squares, summed here to check them
  }
}
function sumOf(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}
console.log(failures === 0 ? 'Completed: every way computed the exact sum.' : `${failures} way(s) computed a WRONG sum.`);
process.exitCode = failures === 0 ? 0 : 1;
