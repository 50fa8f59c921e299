// Seed 002, thread safety with a lock:
//
//   counter = 0
//   lock = threading.Lock()
//   def increment():
//       global counter
//       for _ in range(10000):
//           with lock:
//               counter += 1
//   threads = [threading.Thread(target=increment) for _ in range(5)]
//   ...
//   print("Final counter value:", counter)
//
// Worker threads share no JS variables, so the counter lives in shared memory: a SharedValue (Python's
// multiprocessing.Value) over a SharedArrayBuffer. The Lock is shared memory too; passed as an argument it
// arrives in each worker as the same lock. Unlike CPython's threads, these five really run at the same time,
// so without the lock `counter.value += 1` (a read, then a write) loses updates.
//
//   node examples/locked-counter.mjs
import { ThreadPoolExecutor, Lock, SharedValue } from '@multicore-js/multicore';

const WORKERS = 5;
const TIMES = 10_000;

function increment(counter, lock, times) {
  for (let i = 0; i < times; i++) {
    lock.withLockSync(() => {
      // `with lock:`
      counter.value += 1;
    });
  }
}

function incrementUnlocked(counter, times) {
  for (let i = 0; i < times; i++) counter.value += 1;
}

function incrementAtomic(counter, times) {
  for (let i = 0; i < times; i++) counter.add(1); // one atomic read-modify-write, no lock needed
}

const executor = new ThreadPoolExecutor({ maxWorkers: WORKERS });
async function run(task, ...args) {
  await Promise.all(Array.from({ length: WORKERS }, () => executor.submit(task, ...args)));
}

try {
  const counter = new SharedValue('int32', 0, { lock: false });
  const lock = new Lock();
  await run(increment, counter, lock, TIMES);
  console.log(`Final counter value: ${counter.value}`);

  const atomic = new SharedValue('int32', 0, { lock: false });
  await run(incrementAtomic, atomic, TIMES);
  console.log(`With SharedValue.add() instead of a lock: ${atomic.value}`);

  // The race, made visible: more increments, so the threads overlap for longer.
  const racy = new SharedValue('int32', 0, { lock: false });
  const many = 20 * TIMES;
  await run(incrementUnlocked, racy, many);
  const lost = WORKERS * many - racy.value;
  console.log(`Without the lock: ${racy.value} of ${WORKERS * many} (${lost} updates lost in this run)`);
} finally {
  await executor.shutdown();
}
