// Seed 003, "thread-safe data structures, like queues, can facilitate communication between threads",
// the classic queue.Queue producer/consumer:
//
//   q = queue.Queue(maxsize=8)
//   def producer():  for item in items: q.put(item); then one None per consumer
//   def consumer():  while (item := q.get()) is not None: results.put(work(item)); q.task_done()
//
// multicore's Queue lives in shared memory: a producer thread and two consumer threads (ThreadPoolExecutor
// workers) use its blocking putSync/getSync, while the main thread reads results with the async get(),
// so its event loop stays free. maxSize: 8 makes the producer wait when the consumers fall behind.
//
//   node examples/producer-consumer.mjs
import { ThreadPoolExecutor, Queue } from '@multicore-js/multicore';

const ITEMS = 40;
const CONSUMERS = 2;

function producer(q, count, consumers) {
  for (let item = 1; item <= count; item++) q.putSync(item);
  for (let i = 0; i < consumers; i++) q.putSync(null); // one "stop" per consumer
  return count;
}

function consumer(q, results, name) {
  // The work: Collatz steps, summed over 1 .. item * 1000 (real, data-dependent, checkable).
  function collatzTotal(limit) {
    let total = 0;
    for (let n = 1; n <= limit; n++) {
      let x = n;
      while (x !== 1) {
        x = x % 2 === 0 ? x / 2 : 3 * x + 1;
        total++;
      }
    }
    return total;
  }
  let handled = 0;
  for (;;) {
    const item = q.getSync();
    if (item === null) {
      q.taskDone();
      break;
    }
    results.putSync({ item, value: collatzTotal(item * 1000), by: name });
    handled++;
    q.taskDone();
  }
  return handled;
}

// The same computation on the main thread, to check the consumers' answers.
function collatzTotal(limit) {
  let total = 0;
  for (let n = 1; n <= limit; n++) {
    let x = n;
    while (x !== 1) {
      x = x % 2 === 0 ? x / 2 : 3 * x + 1;
      total++;
    }
  }
  return total;
}

const q = new Queue({ maxSize: 8 });
const results = new Queue();
const executor = new ThreadPoolExecutor({ maxWorkers: 1 + CONSUMERS });
try {
  const produced = executor.submit(producer, q, ITEMS, CONSUMERS);
  const consumers = Array.from({ length: CONSUMERS }, (_, i) => executor.submit(consumer, q, results, `consumer ${i + 1}`));

  // Meanwhile the main thread takes results as they come (await: the event loop stays free).
  const seen = new Map();
  const byConsumer = {};
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  while (seen.size < ITEMS) {
    const r = await results.get();
    if (seen.has(r.item)) throw new Error(`item ${r.item} handled twice`);
    seen.set(r.item, r.value);
    byConsumer[r.by] = (byConsumer[r.by] ?? 0) + 1;
  }
  clearInterval(ticker);
  await q.join(); // queue.join(): every item put has been marked task_done
  console.log(`Producer put ${await produced} items (queue maxSize ${q.maxSize}).`);
  const handled = await Promise.all(consumers);
  console.log(
    `Consumers handled ${handled.reduce((a, b) => a + b, 0)} items: ${Object.entries(byConsumer)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );

  let wrong = 0;
  let total = 0;
  for (let item = 1; item <= ITEMS; item++) {
    total += seen.get(item);
    if (seen.get(item) !== collatzTotal(item * 1000)) wrong++;
  }
  console.log(
    `Received ${seen.size} results, each item exactly once; ${wrong === 0 ? 'all match' : `${wrong} DIFFER from`} the main thread's own computation.`,
  );
  console.log(`Total Collatz steps: ${total}`);
  console.log(`The main thread's 5 ms timer fired ${ticks} times while it waited.`);
  if (wrong) process.exitCode = 1;
} finally {
  await executor.shutdown();
}
