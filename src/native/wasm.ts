// The WebAssembly backend: the Rust kernels built for wasm32-wasip1-threads. Placeholder until
// the wasm build lands: it reports itself unavailable.
import type { LoadResult } from './load.js';

export function loadWasm(): LoadResult {
  return { reason: 'the wasm build is not part of this package yet' };
}
