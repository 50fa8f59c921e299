// The 'workers' form: the JS chunk function on the kernels' worker pool, over SharedArrayBuffer
// memory (non-shared arrays are copied in and back, see shared-args.ts).
import { withControl } from '../control.js';
import { fanOut } from './fan-out.js';
import { controlOptions } from './form-control.js';
import type { JsDef } from './js-source.js';
import { shareArgs } from './shared-args.js';
import type { FormRequest, FormResult } from './types.js';
import { chunkTotal } from './validate.js';

export function runWorkersForm(def: JsDef, req: FormRequest): FormResult {
  return withControl(controlOptions(req), async (control) => {
    const total = chunkTotal(req.length, req.chunkSize);
    const partials = req.reduce ? new Float64Array(new SharedArrayBuffer(total * 8)) : undefined;
    const shared = shareArgs(req.args);
    await fanOut('workers', req, control, total, 'userJsChunksTask', (state) => [
      def,
      req.length,
      req.chunkSize,
      shared.args,
      req.reduce,
      partials ?? null,
      state,
      control,
    ]);
    shared.copyBack();
    return partials;
  });
}
