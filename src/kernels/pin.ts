// N-API cannot pin an ArrayBuffer's memory: if the caller transferred (detached) a buffer while an
// async native kernel works on it, and the new owner freed it, the kernel would touch freed memory.
// So before a non-shared buffer goes to an async native call it is marked untransferable. The mark
// is permanent (V8 has no way to clear it): afterwards postMessage copies that buffer instead of
// moving it. SharedArrayBuffers are never detached and are left alone.
import { markAsUntransferable } from 'node:worker_threads';

export function pinForNative(...views: ArrayBufferView[]): void {
  for (const v of views) {
    if (!(v.buffer instanceof SharedArrayBuffer)) markAsUntransferable(v.buffer);
  }
}
