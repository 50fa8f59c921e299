// The reference order is Float64Array.prototype.sort itself (numeric, -0 before +0, NaN last).
import { runChunks } from './chunks.js';

export async function sortJs(x: Float64Array, control?: Int32Array): Promise<void> {
  await runChunks(1, () => { x.sort(); }, control);
}
