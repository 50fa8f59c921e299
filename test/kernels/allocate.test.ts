// allocate(): zero-filled typed arrays for kernel data, shared by default, and from 4 MiB advised
// into transparent huge pages on Linux (the C++ addon's adviseHugePages; native/cpp/support/huge_pages.h).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { allocate, info, sumSquares } from '@multicore-js/multicore';
import { loadNative } from '../../dist/native/load.js';
import { isCI } from '../helpers/backends.js';
import { TYPED_ARRAY_CONSTRUCTORS } from '../../src/util/typed-arrays.js';

const MiB = 1 << 20;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const TYPES = TYPED_ARRAY_CONSTRUCTORS;

test('allocate: every typed array type, zero-filled, shared unless told not to be', () => {
  for (const type of TYPES) {
    for (const length of [0, 1, 1000]) {
      const a = allocate(type as typeof Float64Array, length);
      assert.ok(a instanceof type, type.name);
      assert.equal(a.length, length);
      assert.ok(a.buffer instanceof SharedArrayBuffer, `${type.name} shared`);
      assert.ok(
        Array.from(a as ArrayLike<number | bigint>).every((v) => v === 0 || v === 0n),
        `${type.name} zeros`,
      );
      const p = allocate(type as typeof Float64Array, length, { shared: false });
      assert.ok(!(p.buffer instanceof SharedArrayBuffer) && p.buffer instanceof ArrayBuffer, `${type.name} not shared`);
    }
  }
});

test('allocate: bad arguments name the argument', () => {
  const bad: [() => unknown, ErrorConstructor, RegExp][] = [
    [() => allocate(Array as never, 4), TypeError, /^type must be a typed array constructor.*function Array/],
    [() => allocate(undefined as never, 4), TypeError, /^type must be/],
    [() => allocate(Float64Array, -1), RangeError, /^length must be a non-negative safe integer, got -1/],
    [() => allocate(Float64Array, 1.5), RangeError, /^length must be/],
    [() => allocate(Float64Array, Number.NaN), RangeError, /^length must be/],
    [() => allocate(Float64Array, '4' as never), RangeError, /^length must be/],
    [() => allocate(Float64Array, 2 ** 52), RangeError, /^length is too large for Float64Array/],
    [() => allocate(Float64Array, 4, null as never), TypeError, /^options must be an object, got null/],
    [() => allocate(Float64Array, 4, { shared: 1 as never }), TypeError, /^options.shared must be a boolean/],
    [() => allocate(Float64Array, 4, { hugePages: 'no' as never }), TypeError, /^options.hugePages must be a boolean, got string/],
  ];
  for (const [call, type, message] of bad) assert.throws(call, (e: Error) => e instanceof type && message.test(e.message));
});

/** Of this process's mappings advised with MADV_HUGEPAGE (VmFlags `hg`): their bytes, and those in huge pages. */
function advisedMappings(): { bytes: number; huge: number } {
  let bytes = 0;
  let huge = 0;
  let size = 0;
  let anonHuge = 0;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const m = /^(Size|AnonHugePages):\s+(\d+) kB/.exec(line);
    if (m?.[1] === 'Size') size = Number(m[2]) * 1024;
    else if (m) anonHuge = Number(m[2]) * 1024;
    else if (line.startsWith('VmFlags:') && line.split(/\s+/).includes('hg')) {
      bytes += size;
      huge += anonHuge;
    }
  }
  return { bytes, huge };
}
const advisedMappingBytes = () => advisedMappings().bytes;

const THP_SETTING = '/sys/kernel/mm/transparent_hugepage/enabled';
const thp = existsSync(THP_SETTING);
/** THP set to `never`: advice is still recorded (VmFlags hg), but no page comes in huge. */
const thpNever = thp && readFileSync(THP_SETTING, 'utf8').includes('[never]');
const cppHere = info().backends.cpp.available;

test('allocate: from 4 MiB, advised into huge pages (Linux, C++ addon), also when the heap recycles the memory', {
  skip:
    process.platform !== 'linux' || !thp ? 'needs Linux with transparent huge pages' : !cppHere && !isCI ? 'C++ addon not built' : false,
}, async () => {
  for (let round = 0; round < 3; round++) {
    // Rounds 2 and 3 may get memory glibc serves from its heap after the first array was collected.
    const before = advisedMappingBytes();
    const x = allocate(Float64Array, (64 * MiB) / 8);
    const gained = advisedMappingBytes() - before;
    assert.ok(gained >= 60 * MiB, `round ${round}: ${gained / MiB} MiB advised`);
    for (let i = 0; i < x.length; i += 4096) assert.equal(x[i], 0);
    const hugeBefore = advisedMappings().huge;
    x.fill(0.5);
    // Touched, the advised pages came in huge (the machine had 2 MiB of free memory at a time for
    // most of them: allow a quarter to fall back to small pages).
    const hugeGained = advisedMappings().huge - hugeBefore;
    if (!thpNever) assert.ok(hugeGained >= 45 * MiB, `round ${round}: ${hugeGained / MiB} MiB in huge pages after the fill`);
    assert.equal(await sumSquares(x, { backend: 'cpp', threads: 2 }), 0.25 * x.length);
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  // Below 4 MiB nothing is advised (as NumPy), nor when told not to (option or environment), nor a plain buffer.
  const before = advisedMappingBytes();
  const kept: Float64Array[] = [allocate(Float64Array, (3 * MiB) / 8), allocate(Float64Array, (64 * MiB) / 8, { hugePages: false })];
  process.env.MULTICORE_HUGE_PAGES = '0';
  try {
    kept.push(allocate(Float64Array, (64 * MiB) / 8));
  } finally {
    delete process.env.MULTICORE_HUGE_PAGES;
  }
  kept.push(new Float64Array(new SharedArrayBuffer(64 * MiB)));
  if (!process.env.GLIBC_TUNABLES?.includes('hugetlb')) assert.equal(advisedMappingBytes() - before, 0);
  // …and the option wins over the environment.
  process.env.MULTICORE_HUGE_PAGES = '0';
  try {
    kept.push(allocate(Float64Array, (64 * MiB) / 8, { hugePages: true }));
  } finally {
    delete process.env.MULTICORE_HUGE_PAGES;
  }
  assert.ok(advisedMappingBytes() - before >= 60 * MiB);
  assert.equal(kept.length, 5);
});

test('adviseHugePages binding: checks its arguments and keeps contents when not told they are zeros', {
  skip: !cppHere && !isCI ? 'C++ addon not built' : false,
}, () => {
  const addon = loadNative('cpp').addon as unknown as { adviseHugePages(v: unknown, drop: unknown): number };
  assert.throws(
    () => addon.adviseHugePages({}, false),
    (e: Error) => e instanceof TypeError && /^view must be a typed array/.test(e.message),
  );
  assert.throws(
    () => addon.adviseHugePages(new Float64Array(4), 'yes'),
    (e: Error) => e instanceof TypeError && /^dropZeroed must be a boolean, got string/.test(e.message),
  );
  assert.equal(addon.adviseHugePages(new Float64Array(0), true), 0);
  const x = new Float64Array(new SharedArrayBuffer(16 * MiB));
  for (let i = 0; i < x.length; i++) x[i] = i;
  const advised = addon.adviseHugePages(x, false);
  assert.equal(advised % (2 * MiB), 0);
  assert.ok(advised <= x.byteLength && (process.platform !== 'linux' || !thp || advised >= x.byteLength - 4 * MiB), `${advised}`);
  for (let i = 0; i < x.length; i++) if (x[i] !== i) assert.fail(`x[${i}] = ${x[i]}`);
});
