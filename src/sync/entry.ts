// The `multicore/sync` entry point: the primitives the root exports, plus the three helpers a program
// needs to pass them to a Worker it made itself with `node:worker_threads` (executors do this for you):
// `encodeShared` before `postMessage`/`workerData`, `transferablesOf` for the transfer list (a Pipe's
// ports), and `decodeShared` in the worker.
export * from './index.js';
export { encodeShared, decodeShared, transferablesOf } from './shareable.js';
