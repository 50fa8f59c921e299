// allocate(): memory for kernel data, zero-filled, in huge pages where the system offers them.
//
// A streaming kernel over a big array (sumSquares, square) reads 512 doubles per 4 KiB page and
// takes a TLB walk at each; the hardware prefetchers stop at every page boundary. NumPy madvises
// its allocations of 4 MiB and more into transparent huge pages (2 MiB); a V8 ArrayBuffer gets
// 4 KiB pages. Over 80 MB at one thread the plain JS loop read 1.14–1.32× faster in huge pages, the
// native kernels (which prefetch across small pages) 0–7% (docs/bench/native-perf-2026-12-02.md).
// Advice only works on pages not yet in memory, so it is given right after the buffer is made and
// before anything writes it; pages the allocator zeroed by hand (a big buffer recycled from
// glibc's heap) are dropped first, as they are zeros anyway (native/cpp/support/huge_pages.h).
// Off Linux, with THP set to `never`, or without the C++ addon, the array is a plain one.
//
// The cost is at first touch: on a VM whose host takes free memory back (free page reporting), a
// fresh huge page arrives cold, and filling 96 MB measured 210–300 ms against 45–65 ms in small
// pages (17–40 ms when the huge pages were recently freed ones). So this is for data that is read
// many times, and the kernels' own outputs (square without `out`, matmul, mandelbrot) stay plain.
import type { KernelArrayConstructor } from './user/api.js';
import { loadNative } from '../native/load.js';
import { TYPED_ARRAY_CONSTRUCTORS } from '../util/typed-arrays.js';

export interface AllocateOptions {
  /** On a SharedArrayBuffer (default), so worker threads and every backend read it in place; false: an ArrayBuffer. */
  shared?: boolean;
  /**
   * Advise huge pages from 4 MiB (default: true, unless the environment has MULTICORE_HUGE_PAGES=0).
   * They pay off for data read many times; see the note in the README on first-touch cost in some VMs.
   */
  hugePages?: boolean;
}

/** Below this NumPy does not madvise either: at most one whole huge page would fit. */
export const HUGE_PAGE_MIN_BYTES = 4 << 20;

type Advise = (view: ArrayBufferView, dropZeroed: boolean) => number;
let advise: Advise | null | undefined;

function adviser(): Advise | null {
  if (advise !== undefined) return advise;
  const addon = process.platform === 'linux' ? loadNative('cpp').addon : undefined;
  advise = typeof addon?.adviseHugePages === 'function' ? addon.adviseHugePages.bind(addon) : null;
  return advise;
}

/**
 * A zero-filled typed array for kernel data, like `new type(length)` but on a SharedArrayBuffer
 * (unless `shared: false`) and, from 4 MiB, in 2 MiB pages where the system offers them (Linux
 * transparent huge pages), as NumPy allocates: long reads then stream faster. Fill it after this call.
 */
export function allocate<T extends ArrayBufferView>(type: KernelArrayConstructor<T>, length: number, options?: AllocateOptions): T {
  if (!(TYPED_ARRAY_CONSTRUCTORS as readonly unknown[]).includes(type))
    throw new TypeError(`type must be a typed array constructor such as Float64Array, got ${describe(type)}`);
  if (!Number.isSafeInteger(length) || length < 0)
    throw new RangeError(`length must be a non-negative safe integer, got ${String(length)}`);
  if (options !== undefined && (options === null || typeof options !== 'object'))
    throw new TypeError(`options must be an object, got ${options === null ? 'null' : typeof options}`);
  const shared = options?.shared ?? true;
  if (typeof shared !== 'boolean') throw new TypeError(`options.shared must be a boolean, got ${typeof shared}`);
  const huge = options?.hugePages ?? process.env.MULTICORE_HUGE_PAGES !== '0';
  if (typeof huge !== 'boolean') throw new TypeError(`options.hugePages must be a boolean, got ${typeof huge}`);
  const bytes = length * type.BYTES_PER_ELEMENT;
  if (!Number.isSafeInteger(bytes))
    throw new RangeError(`length is too large for ${(type as unknown as { name: string }).name}: ${length}`);
  const view = new type(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), 0, length);
  if (huge && bytes >= HUGE_PAGE_MIN_BYTES) adviser()?.(view, true);
  return view;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'function') return v.name ? `function ${v.name}` : 'a function';
  return typeof v;
}
