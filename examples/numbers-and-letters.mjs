// Seed 001, every way to run two functions at once, each printing as it goes:
//
//   thread1 = threading.Thread(target=print_numbers)          -> a ThreadPoolExecutor with two threads
//   process1 = multiprocessing.Process(target=print_numbers)  -> a ProcessPoolExecutor with two processes
//   asyncio.run(asyncio.gather(print_numbers(), print_letters())) -> Promise.all of two async functions
//   with ThreadPoolExecutor() as executor: executor.submit(...) -> the same, with futures
//
// As in Python, the threads and processes print in whatever order the scheduler picks; each one's own
// lines stay in order. The coroutines interleave in a fixed order: each sleeps after every line.
//
//   node examples/numbers-and-letters.mjs
import { setTimeout as sleep } from 'node:timers/promises';
import { ThreadPoolExecutor, ProcessPoolExecutor } from '@multicore-js/multicore';

// Tasks travel to the workers by source: they take what they need as arguments.
function printNumbers(who) {
  for (let i = 0; i < 5; i++) console.log(`${who}: ${i}`);
  return `${who} done`;
}

function printLetters(who) {
  for (const letter of 'ABCDE') console.log(`${who}: ${letter}`);
  return `${who} done`;
}

// threading.Thread(target=...).start() / .join()
console.log('-- threads (threading.Thread)');
const threads = new ThreadPoolExecutor({ maxWorkers: 2 });
const t1 = threads.submit(printNumbers, 'Thread 1');
const t2 = threads.submit(printLetters, 'Thread 2');
console.log(`joined: ${await t1}, ${await t2}`); // .join(): await each future
await threads.shutdown();

// multiprocessing.Process(target=...).start() / .join()
console.log('-- processes (multiprocessing.Process)');
const processes = new ProcessPoolExecutor({ maxWorkers: 2 });
const p1 = processes.submit(printNumbers, 'Process 1');
const p2 = processes.submit(printLetters, 'Process 2');
console.log(`joined: ${await p1}, ${await p2}`);
await processes.shutdown();

// asyncio: coroutines on the one event loop, taking turns at each await.
console.log('-- coroutines (asyncio.gather)');
async function printNumbersAsync() {
  for (let i = 0; i < 5; i++) {
    console.log(`Coroutine 1: ${i}`);
    await sleep(50); // asyncio.sleep(1), shortened
  }
}
async function printLettersAsync() {
  for (const letter of 'ABCDE') {
    console.log(`Coroutine 2: ${letter}`);
    await sleep(50);
  }
}
await Promise.all([printNumbersAsync(), printLettersAsync()]);

// concurrent.futures: `with ThreadPoolExecutor() as executor: executor.submit(...)`.
console.log('-- executor (ThreadPoolExecutor.submit)');
const executor = new ThreadPoolExecutor();
try {
  executor.submit(printNumbers, 'Thread');
  executor.submit(printLetters, 'Thread');
} finally {
  await executor.shutdown(); // leaving `with` waits for both
}
console.log('-- all done');
