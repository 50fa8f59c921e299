// The reference order is Float64Array.prototype.sort itself (numeric, -0 before +0, NaN last).
// A long array is not one sort call (that would hold the thread for seconds, deaf to abort):
// runs of SORT_RUN elements are sorted by the built-in sort, then merged pairwise, pass by pass,
// each merge a chunk that yields between sub-steps (workers/merge.ts).
import { runChunks, type Steps } from './chunks.js';
import { mergePass, mergeTwoSteps } from '../workers/merge.js';

export const SORT_RUN = 1 << 18;

interface Merge {
  src: Float64Array;
  dst: Float64Array;
  s1: number;
  e1: number;
  e2: number;
}

/** The run boundaries and every merge of every pass, in order, ping-ponging between x and scratch. */
function plan(x: Float64Array): { bounds: number[]; merges: Merge[]; result: Float64Array } {
  const runs = Math.max(1, Math.ceil(x.length / SORT_RUN));
  const bounds = Array.from({ length: runs + 1 }, (_, i) => Math.min(i * SORT_RUN, x.length));
  const merges: Merge[] = [];
  let src = x;
  let dst = runs > 1 ? new Float64Array(x.length) : x;
  let b = bounds;
  while (b.length > 2) {
    const { pairs, next } = mergePass(b);
    for (const [s1, e1, e2] of pairs) merges.push({ src, dst, s1, e1, e2 });
    b = next;
    [src, dst] = [dst, src];
  }
  return { bounds, merges, result: src };
}

function* copySteps(from: Float64Array, to: Float64Array): Steps {
  for (let i = 0; i < from.length; i += SORT_RUN) {
    to.set(from.subarray(i, i + SORT_RUN), i);
    yield;
  }
}

export async function sortJs(x: Float64Array, control?: Int32Array): Promise<void> {
  const { bounds, merges, result } = plan(x);
  const runs = bounds.length - 1;
  await runChunks(
    runs + merges.length,
    function* (c): Steps {
      if (c < runs) {
        x.subarray(bounds[c], bounds[c + 1]).sort();
        return;
      }
      const m = merges[c - runs];
      yield* mergeTwoSteps(m.src, m.dst, m.s1, m.e1, m.e2);
      if (c + 1 === runs + merges.length && result !== x) yield* copySteps(result, x);
    },
    control,
  );
}
