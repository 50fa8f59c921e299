// The public kernel functions the safety properties cover (every one DESIGN.md names).
export const KERNELS = [
  'sumSquares',
  'sumSquaresSync',
  'square',
  'squareSync',
  'countPrimes',
  'mandelbrot',
  'monteCarloPi',
  'matmul',
  'sort',
] as const;
export const SYNC_KERNELS = new Set(['sumSquaresSync', 'squareSync']);
