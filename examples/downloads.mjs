// Seed 002, threading for I/O:
//
//   def download_file(file_num):
//       print(f"Downloading file {file_num}...")
//       time.sleep(2)  # Simulate a delay
//       print(f"File {file_num} downloaded.")
//   threads = [threading.Thread(target=download_file, args=(i + 1,)) for i in range(3)]
//
// Here the downloads are real: this example starts a local HTTP server that sends each file (256 KiB of
// known bytes) after a 300 ms delay (the seed's 2 s, shortened). Each download is checked by SHA-256.
// Three ways, timed:
//   sequential  one await after another on the event loop
//   threads     ThreadPoolExecutor: one download per worker thread (Python's threads); run twice, since
//               a worker thread is a whole V8 isolate and costs far more to start than a Python thread
//   async       Promise.all on the event loop (asyncio): no threads needed for waiting
//
//   node examples/downloads.mjs
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { ThreadPoolExecutor } from '@multicore-js/multicore';

const DELAY_MS = 300;
const SIZE = 256 * 1024;
const FILES = [1, 2, 3];

function fileBytes(n) {
  const b = Buffer.alloc(SIZE);
  for (let i = 0; i < SIZE; i++) b[i] = (i * 31 + n * 7) & 0xff;
  return b;
}
const contents = new Map(FILES.map((n) => [n, fileBytes(n)]));
const expected = new Map(FILES.map((n) => [n, createHash('sha256').update(contents.get(n)).digest('hex')]));

const server = createServer((req, res) => {
  const n = Number(req.url.split('/').pop());
  const body = contents.get(n);
  if (!body) {
    res.statusCode = 404;
    res.end();
    return;
  }
  setTimeout(() => res.end(body), DELAY_MS);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const base = `http://127.0.0.1:${server.address().port}/files`;

// Runs on the event loop (sequential, async) and, sent by its source, on worker threads (threads):
// it uses only its arguments and globals (fetch, crypto.subtle, Buffer, console).
async function downloadFile(baseUrl, fileNum, expectedSha256) {
  console.log(`Downloading file ${fileNum}...`);
  const res = await fetch(`${baseUrl}/${fileNum}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const digest = Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
  const ok = digest === expectedSha256;
  console.log(`File ${fileNum} downloaded (${bytes.length.toLocaleString('en-US')} bytes, sha256 ${ok ? 'ok' : 'WRONG'}).`);
  return ok && bytes.length > 0;
}

const times = {};
function check(oks) {
  if (!oks.every(Boolean)) process.exitCode = 1;
}
console.log(`Server: ${base}/{1,2,3}, ${SIZE / 1024} KiB each, sent after ${DELAY_MS} ms`);

console.log('-- sequential');
let t0 = performance.now();
for (const n of FILES) check([await downloadFile(base, n, expected.get(n))]);
times.sequential = performance.now() - t0;

const executor = new ThreadPoolExecutor({ maxWorkers: 3 });
try {
  for (const when of ['cold', 'warm']) {
    console.log(`-- threads, ${when} (ThreadPoolExecutor, 3 workers${when === 'cold' ? ', started now' : ', already running'})`);
    t0 = performance.now();
    const futures = FILES.map((n) => executor.submit(downloadFile, base, n, expected.get(n)));
    const oks = [];
    for (const f of futures) oks.push(await f); // t.join()
    times[`threads (${when})`] = performance.now() - t0;
    check(oks);
  }
} finally {
  await executor.shutdown();
}

console.log('-- async (Promise.all)');
t0 = performance.now();
check(await Promise.all(FILES.map((n) => downloadFile(base, n, expected.get(n)))));
times.async = performance.now() - t0;

server.close();
console.log('All downloads completed.');
for (const [name, ms] of Object.entries(times)) {
  const speedup = name === 'sequential' ? '' : ` (${(times.sequential / ms).toFixed(1)}x faster than sequential)`;
  console.log(`${name.padEnd(16)} ${ms.toFixed(0).padStart(5)} ms${speedup}`);
}
console.log(`(each download waits ${DELAY_MS} ms on the server; "cold" includes starting ${FILES.length} worker threads)`);
