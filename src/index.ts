export * from './kernels/index.js';
export * from './sync/index.js';
export * from './distributed/index.js';
export * from './executor/index.js';
