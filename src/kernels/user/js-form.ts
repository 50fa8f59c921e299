// The 'js' form: the chunk function on the main thread, chunk after chunk. Between chunks the cancel
// flag is checked and, once a 20 ms slice is used up, the thread yields to the event loop (as the
// built-in kernels' js backend does), so timers, abort and onProgress keep working.
import { withControl } from '../control.js';
import { runChunks } from '../js/chunks.js';
import type { JsChunkFunction } from './api.js';
import { callChunk, chunkFailure } from './chunk-call.js';
import { UserKernelError } from './errors.js';
import type { FormRequest, FormResult } from './types.js';
import { chunkTotal } from './validate.js';
import { controlOptions } from './form-control.js';

export function runJsForm(fn: JsChunkFunction, req: FormRequest): FormResult {
  return withControl(controlOptions(req), async (control) => {
    const total = chunkTotal(req.length, req.chunkSize);
    const partials = req.reduce ? new Float64Array(total) : undefined;
    await runChunks(
      total,
      (c) => {
        try {
          callChunk(fn, c, req.length, req.chunkSize, req.args, req.reduce, partials);
        } catch (err) {
          throw new UserKernelError(req.name, 'js', chunkFailure(err, c, req.chunkSize, req.length), { cause: err });
        }
      },
      control,
    );
    return partials;
  });
}
