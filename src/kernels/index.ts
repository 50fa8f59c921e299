// The probes 'auto' measures register themselves with auto.ts when loaded (auto-probe-registry.ts).
import './auto-probes.js';
export type { Backend, KernelOptions } from './options.js';
export { sumSquares, sumSquaresSync, type SyncKernelOptions } from './sum-squares.js';
export { square, squareSync, type SquareOptions } from './square.js';
export { countPrimes } from './count-primes.js';
export { mandelbrot, type MandelbrotInput } from './mandelbrot.js';
export { monteCarloPi, type MonteCarloPiOptions } from './monte-carlo-pi.js';
export { matmul } from './matmul.js';
export { sort } from './sort.js';
export { info, type Info, type BackendStatus } from './info.js';
export type { Skipped as SkippedCandidate } from '../native/load.js';
export type { AutoDescription, AutoKernel } from './auto.js';
export { BackendUnavailableError } from './backend.js';
