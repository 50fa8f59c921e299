// Arguments that are views of one buffer must stay views of one buffer after they are copied (an
// in-place kernel is passed the same array twice; two halves of one array may be passed apart). So
// copies are made per buffer: the span of that buffer the views cover, copied once, each view placed at
// its own offset in the copy. The span starts on an 8-byte boundary, so every view keeps its alignment.
import type { KernelArray } from './types.js';

export interface BufferSpan {
  buffer: ArrayBufferLike;
  /** Byte range [start, end) of the buffer that the views cover. */
  start: number;
  end: number;
}

/** The span of each distinct buffer among `arrays` (in first-seen order). */
export function bufferSpans(arrays: readonly KernelArray[]): Map<ArrayBufferLike, BufferSpan> {
  const spans = new Map<ArrayBufferLike, BufferSpan>();
  for (const a of arrays) {
    const s = spans.get(a.buffer);
    const start = Math.floor(a.byteOffset / 8) * 8;
    const end = a.byteOffset + a.byteLength;
    if (!s) spans.set(a.buffer, { buffer: a.buffer, start, end });
    else {
      s.start = Math.min(s.start, start);
      s.end = Math.max(s.end, end);
    }
  }
  return spans;
}

/** A view like `a` over `target`, where the span's first byte is at `targetOffset`. */
export function viewIn(a: KernelArray, span: BufferSpan, target: ArrayBufferLike, targetOffset: number): KernelArray {
  const Ctor = a.constructor as new (b: ArrayBufferLike, o: number, n: number) => KernelArray;
  return new Ctor(target, targetOffset + a.byteOffset - span.start, a.length);
}

export function copySpan(from: ArrayBufferLike, fromOffset: number, to: ArrayBufferLike, toOffset: number, bytes: number): void {
  new Uint8Array(to, toOffset, bytes).set(new Uint8Array(from, fromOffset, bytes));
}
