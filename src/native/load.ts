// Loads the native addons once per JS context (main thread or worker). A backend that cannot be
// loaded is reported with the reason instead of throwing at import time.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export type NativeBackendName = 'cpp' | 'rust';

/** The interface both addons implement; see native/SPEC.md. */
export interface NativeAddon {
  sumSquares(x: Float64Array, threads: number, control?: Int32Array): Promise<number>;
  sumSquaresSync(x: Float64Array, threads: number): number;
  square(x: Float64Array, out: Float64Array, threads: number, control?: Int32Array): Promise<void>;
  squareSync(x: Float64Array, out: Float64Array, threads: number): void;
  countPrimes(limit: number, threads: number, control?: Int32Array): Promise<number>;
  mandelbrot(out: Uint32Array, width: number, height: number, maxIter: number,
    xMin: number, xMax: number, yMin: number, yMax: number, threads: number, control?: Int32Array): Promise<void>;
  monteCarloPi(samples: number, seed: number, threads: number, control?: Int32Array): Promise<number>;
  matmul(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number,
    threads: number, control?: Int32Array): Promise<void>;
  sort(x: Float64Array, threads: number, control?: Int32Array): Promise<void>;
  info(): { simd: string[]; simdLevel: string; simdLevelNote?: string; version: string; compiler: string; poolThreads: number };
}

export type LoadResult = { addon: NativeAddon; reason?: undefined } | { addon?: undefined; reason: string };

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const files: Record<NativeBackendName, string> = {
  cpp: join(root, 'build', 'cpp', 'Release', 'multicore_cpp.node'),
  rust: join(root, 'build', 'rust', 'multicore_rust.node'),
};
const cache = new Map<NativeBackendName, LoadResult>();

function buildReason(name: NativeBackendName): string | undefined {
  try {
    const status = JSON.parse(readFileSync(join(root, 'build', 'native-status.json'), 'utf8'));
    return status[name]?.built === false ? status[name].reason : undefined;
  } catch {
    return undefined;
  }
}

export function loadNative(name: NativeBackendName): LoadResult {
  let result = cache.get(name);
  if (result) return result;
  const file = process.env[`MULTICORE_${name.toUpperCase()}_ADDON`] ?? files[name];
  if (process.env[`MULTICORE_DISABLE_${name.toUpperCase()}`]) {
    result = { reason: `disabled by MULTICORE_DISABLE_${name.toUpperCase()}` };
  } else if (!existsSync(file)) {
    result = { reason: buildReason(name) ?? `${file} not found (run \`npm run build:native\`)` };
  } else {
    try {
      result = { addon: require(file) as NativeAddon };
    } catch (err) {
      result = { reason: `failed to load ${file}: ${(err as Error).message}` };
    }
  }
  cache.set(name, result);
  return result;
}
