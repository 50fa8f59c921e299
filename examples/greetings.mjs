// Seed 002, concurrent.futures:
//
//   with ThreadPoolExecutor(max_workers=3) as executor:
//       results = executor.map(greet, ["Alice", "Bob", "Charlie"])
//   for res in results:
//       print(res)
//
// In multicore the pool's threads are worker_threads; `greet` is sent to them by its source, so it must be
// self-contained (no variables from around it). map() yields the results in input order, like Python's.
//
//   node examples/greetings.mjs
import { ThreadPoolExecutor } from '@multicore-js/multicore';

function greet(name) {
  return `Hello, ${name}!`;
}

const executor = new ThreadPoolExecutor({ maxWorkers: 3 });
try {
  for await (const res of executor.map(greet, ['Alice', 'Bob', 'Charlie'])) {
    console.log(res);
  }
} finally {
  await executor.shutdown(); // what leaving Python's `with` block does
}
