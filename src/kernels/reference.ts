// The kernels' plain-JS building blocks, for code outside src/kernels that must compute exactly what
// the 'js' backend computes (the bench's executor and worker-pool rows split a kernel into these
// chunks and merge them, so their results are bit-identical to the reference). The one sanctioned
// entry into kernels/js and kernels/workers from other layers: those files may move or change shape.
export { sumSquaresChunk, combineInOrder, SUM_SQUARES_CHUNK } from './js/sum-squares.js';
export { squareJsSync } from './js/square.js';
export { planSieve, countSegment, PRIMES_SEGMENT } from './js/count-primes.js';
export { mandelbrotRow, type MandelbrotParams } from './js/mandelbrot.js';
export { countInside, piChunkRange, piChunks } from './js/monte-carlo-pi.js';
export { matmulRows } from './js/matmul.js';
export { mergeRuns } from './workers/merge.js';
// The 'workers' backend's pool, shut down by the bench before it reports (it would idle out by itself).
export { closeWorkersBackend } from './workers/run.js';
