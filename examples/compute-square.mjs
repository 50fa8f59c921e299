// Seed 002, multiprocessing.Pool:
//
//   def compute_square(n):
//       print(f"Computing square of {n}")
//       return n * n
//   with multiprocessing.Pool() as pool:
//       results = pool.map(compute_square, numbers)
//   print("Squares:", results)
//
// ProcessPoolExecutor runs each task in a child process (its own V8 and memory, like Python's processes);
// its default size is the number of cores, like Pool(). Each task also reports the pid that ran it, so the
// run shows the work really left this process.
//
//   node examples/compute-square.mjs
import { ProcessPoolExecutor } from '@multicore-js/multicore';

function computeSquare(n) {
  console.log(`Computing square of ${n}`);
  return [n * n, process.pid];
}

const numbers = [1, 2, 3, 4];
const pool = new ProcessPoolExecutor();
const results = [];
const pids = new Set();
try {
  for await (const [square, pid] of pool.map(computeSquare, numbers)) {
    results.push(square);
    pids.add(pid);
  }
} finally {
  await pool.shutdown();
}
console.log(`Squares: [${results.join(', ')}]`);
console.log(`Computed in ${pids.size} worker process(es) (pids ${[...pids].join(', ')}); this process is ${process.pid}.`);
