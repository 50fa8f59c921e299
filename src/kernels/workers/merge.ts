// k-way merge of sorted runs in the order of Float64Array.prototype.sort: -0 before +0, NaN last.

/** true when a must come before b. */
export function before(a: number, b: number): boolean {
  if (a !== a) return false; // NaN is last
  if (b !== b) return true;
  if (a < b) return true;
  return a === 0 && b === 0 && Object.is(a, -0) && Object.is(b, 0);
}

/** Merges sorted runs of x (given by their boundaries) into out. */
export function mergeRuns(x: Float64Array, bounds: number[], out: Float64Array): void {
  let runs = bounds.slice(0, -1).map((start, i) => [start, bounds[i + 1]] as [number, number]);
  let src = x;
  let dst = out;
  // Pairwise merge passes: log2(runs) passes over the data.
  while (runs.length > 1) {
    const merged: [number, number][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const [s1, e1] = runs[r];
      if (r + 1 === runs.length) {
        dst.set(src.subarray(s1, e1), s1);
        merged.push([s1, e1]);
        continue;
      }
      const [s2, e2] = runs[r + 1];
      let i = s1, j = s2, o = s1;
      while (i < e1 && j < e2) dst[o++] = before(src[j], src[i]) ? src[j++] : src[i++];
      while (i < e1) dst[o++] = src[i++];
      while (j < e2) dst[o++] = src[j++];
      merged.push([s1, e2]);
    }
    runs = merged;
    [src, dst] = [dst, src];
  }
  if (src !== out) out.set(src);
}
