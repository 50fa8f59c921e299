// Where arrays live inside a wasm kernel's shared memory. The module's own data (static data, a
// stack) is below its declared initial size; arrays go above it, first fit, 64-byte aligned (a cache
// line, and fine for v128), and the memory grows when they do not fit. A kernel must not allocate in
// the memory itself (asc --runtime stub and no `new` in the kernel; C without malloc).
import type { WasmMemory } from './wasm-api.js';

const PAGE = 65536;
const ALIGN = 64;

export class WasmHeap {
  /** Allocated blocks [offset, bytes], sorted by offset. */
  private readonly blocks: [number, number][] = [];
  /** Every buffer object the memory has shown (a new one after each grow): views over any of them are ours. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(
    readonly memory: WasmMemory,
    private base: number,
  ) {
    this.seen();
  }

  /** The memory's current buffer, remembered as ours. */
  seen(): SharedArrayBuffer {
    const b = this.memory.buffer as unknown as SharedArrayBuffer;
    this.buffers.add(b);
    return b;
  }

  /** true when the view is over this memory (so the kernel can be given its offset as it is). */
  owns(view: ArrayBufferView): boolean {
    this.seen();
    return this.buffers.has(view.buffer);
  }

  /** Another kernel over the same memory has more data of its own: later arrays go above it. */
  raiseBase(base: number): void {
    this.base = Math.max(this.base, base);
  }

  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    let at = Math.ceil(this.base / ALIGN) * ALIGN;
    let i = 0;
    for (; i < this.blocks.length; i++) {
      const [off, len] = this.blocks[i];
      if (at + size <= off) break;
      at = Math.max(at, off + len);
    }
    const need = at + size;
    const have = this.seen().byteLength;
    if (need > have) {
      const pages = Math.ceil((need - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch (err) {
        throw new RangeError(
          `the wasm memory cannot grow by ${pages} pages to hold ${bytes} more bytes ` +
            `(its maximum is set by the module: asc --maximumMemory, or give defineKernel a larger memory)`,
          { cause: err },
        );
      }
      this.seen();
    }
    this.blocks.splice(i, 0, [at, size]);
    return at;
  }

  free(offset: number): boolean {
    const i = this.blocks.findIndex(([off]) => off === offset);
    if (i < 0) return false;
    this.blocks.splice(i, 1);
    return true;
  }
}
