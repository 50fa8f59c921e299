export * from './kernels/index.js';
export * from './sync/index.js';
