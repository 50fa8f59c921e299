// Worker side of bench/sync/primitives.ts. Waits for `start`, then runs one job.
import { workerData, parentPort } from 'node:worker_threads';
import { decodeShared } from '@multicore-js/multicore/sync';

const { job, lock, counter, start, queue, n } = decodeShared(workerData);
start.waitSync();
if (job === 'lock') {
  for (let i = 0; i < n; i++) {
    lock.acquireSync();
    counter[0]++;
    lock.release();
  }
} else if (job === 'atomic') {
  for (let i = 0; i < n; i++) Atomics.add(counter, 0, 1);
} else if (job === 'queue-put') {
  for (let i = 0; i < n; i++) queue.putSync(i);
} else if (job === 'port-post') {
  for (let i = 0; i < n; i++) parentPort.postMessage(i);
}
parentPort.postMessage('done');
