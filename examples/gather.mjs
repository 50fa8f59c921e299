// Seeds 000 and 002, asyncio:
//
//   async def fetch_data(task_id):
//       print(f"Fetching data for task {task_id}...")
//       await asyncio.sleep(2)
//       print(f"Data fetched for task {task_id}.")
//   async def main():
//       await asyncio.gather(*[fetch_data(i) for i in range(3)])
//   asyncio.run(main())
//
// Here the three fetches are real HTTP requests to a local server that this example starts; once all three
// have arrived it answers task 0 after 600 ms, task 1 after 200 ms and task 2 after 400 ms (the seed's
// sleep, shortened and varied so the completion order differs from the submission order).
//   1. Promise.all (asyncio.gather): all three wait together on the one event loop; results in input order.
//   2. asCompleted (concurrent.futures.as_completed): the same fetches as executor tasks, taken as they finish.
//
//   node examples/gather.mjs
import { createServer } from 'node:http';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { ThreadPoolExecutor, asCompleted } from '@multicore-js/multicore';

const DELAYS = [600, 200, 400];
// The server waits until all three requests of a round are in, then answers each after its delay, so the
// completion order is the same however long the workers take to start.
let waiting = [];
const server = createServer((req, res) => {
  const id = Number(new URL(req.url, 'http://x').searchParams.get('task'));
  waiting.push([id, res]);
  if (waiting.length < DELAYS.length) return;
  for (const [task, r] of waiting) {
    setTimeout(() => {
      r.setHeader('content-type', 'application/json');
      r.end(JSON.stringify({ task, data: `payload ${task}` }));
    }, DELAYS[task]);
  }
  waiting = [];
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${server.address().port}/data`;
const sum = DELAYS.reduce((a, b) => a + b, 0);

async function fetchData(taskId) {
  console.log(`Fetching data for task ${taskId}...`);
  const body = await (await fetch(`${base}?task=${taskId}`)).json();
  console.log(`Data fetched for task ${taskId}.`);
  return body;
}

console.log('1. Promise.all (asyncio.gather)');
let t0 = performance.now();
const results = await Promise.all([0, 1, 2].map((i) => fetchData(i)));
const tGather = performance.now() - t0;
console.log(
  `gather returned tasks [${results.map((r) => r.task).join(', ')}] (input order) with data: ${results.map((r) => r.data).join('; ')}`,
);
console.log(`gather took ${tGather.toFixed(0)} ms for delays of ${DELAYS.join(' + ')} = ${sum} ms`);

// The task runs on a worker thread; it is sent by source, so the URL comes in as an argument.
async function fetchInWorker(url, taskId) {
  const res = await fetch(`${url}?task=${taskId}`);
  return res.json();
}

console.log('2. asCompleted (concurrent.futures.as_completed)');
const executor = new ThreadPoolExecutor({ maxWorkers: 3 });
try {
  t0 = performance.now();
  const futures = [0, 1, 2].map((i) => executor.submit(fetchInWorker, base, i));
  const order = [];
  for await (const future of asCompleted(futures)) {
    const body = await future.result();
    order.push(body.task);
    console.log(`completed: task ${body.task} (${body.data}) after ${(performance.now() - t0).toFixed(0)} ms`);
  }
  console.log(`asCompleted order: [${order.join(', ')}]; submitted [0, 1, 2]`);
} finally {
  await executor.shutdown();
  server.close();
}
