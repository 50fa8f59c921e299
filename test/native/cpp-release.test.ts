// An async C++ call lets go of its kernel's memory when its promise settles, before the code
// awaiting it runs: back-to-back calls then reuse what the last one released. sort keeps its
// released scratch for the next call (native/cpp/kernels/sort_scratch.h); while the kernel was
// held until the thread-safe function's finalizer (a loop iteration later), the next call, started
// by the continuation at once, found nothing kept and mapped a fresh scratch every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadRawAddon } from './addon.js';

const { addon, skip } = loadRawAddon('cpp');
const linux = process.platform === 'linux';

// 2^20 + 512 keys: 8 MiB + 4 KiB of scratch, a page multiple no typed array's mapping has
// (a buffer's allocation carries a header, so it maps a page more).
const N = 2 ** 20 + 512;
const SCRATCH = N * 8;

/** Start addresses of the anonymous mappings exactly the scratch's size. */
function scratchMappings(): string[] {
  return readFileSync('/proc/self/maps', 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => l.split(/\s+/))
    .filter(([range, , , , inode]) => {
      const [lo, hi] = range!.split('-').map((h) => BigInt(`0x${h}`));
      return hi! - lo! === BigInt(SCRATCH) && inode === '0';
    })
    .map(([range]) => range!.split('-')[0]!);
}

test('sort back to back: each call reuses the scratch the one before released', {
  skip: skip ?? (!linux && 'reads /proc/self/maps'),
}, async () => {
  const x = new Float64Array(N).map((_, i) => Math.sin(i * 12.9898) * 43758.5453);
  const control = () => new Int32Array(new SharedArrayBuffer(16));
  await addon.sort(x.slice(), 1, control());
  const after = scratchMappings();
  assert.equal(after.length, 1, `one scratch kept after the first call, got ${after.join(', ') || 'none'}`);
  for (let i = 0; i < 3; i++) {
    const y = x.slice();
    await addon.sort(y, 1, control()); // the next call starts right here, in the continuation
    assert.deepEqual(scratchMappings(), after, `call ${i + 2}: the same scratch, no new mapping`);
    for (let j = 1; j < y.length; j++) assert.ok(y[j - 1]! <= y[j]!, 'sorted');
  }
});
