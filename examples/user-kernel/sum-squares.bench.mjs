// `multicore bench --kernel examples/user-kernel/sum-squares.bench.mjs`: a user kernel doing the
// built-in sumSquares' work (the same arithmetic, chunks of 65536) in every form, timed beside the
// built-in sumSquares on the C++ backend. Every row must give the same bits.
import { info, sumSquares } from '@multicore-js/multicore';
import { sumSquaresKernel } from './kernels.mjs';

const cpp = info().backends.cpp;

export default {
  kernel: sumSquaresKernel,
  mode: 'reduce',
  chunkSize: 65536, // the built-in's chunk: the same partials, so the same bits
  sizes: [1 << 20, 1 << 23],
  quickSizes: [1 << 18],
  describe: (n) => `${n / (1 << 20)} Mi`,
  input(n, alloc) {
    const x = alloc(Float64Array, n);
    for (let i = 0; i < n; i++) x[i] = Math.sin(i) * 1000;
    return { length: n, args: [x] };
  },
  compare: [
    {
      label: 'built-in sumSquares (cpp)',
      skip: cpp.available ? undefined : cpp.reason,
      run: (calls, { threads }) => sumSquares(calls[0].args[0], { backend: 'cpp', threads }),
    },
  ],
};
