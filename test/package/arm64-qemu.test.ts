// The linux-arm64-gnu prebuilds (cross-compiled by `node scripts/build-native.mjs --target linux-arm64-gnu`)
// load in an arm64 Node under qemu-aarch64-static and give the same bits as the x64 addons on every kernel.
// Needs the cross build and build/arm64-sysroot (scripts/arm64-node.sh); without them it says what is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isCI } from '../helpers/ci.js';

const root = join(import.meta.dirname, '..', '..');
const digest = join(root, 'test/package/fixtures/addon-digest.cjs');
const sysroot = process.env.MULTICORE_ARM64_SYSROOT ?? join(root, 'build/arm64-sysroot');
const arm64 = {
  cpp: join(root, 'build/linux-arm64-gnu/cpp/Release/multicore_cpp.node'),
  rust: join(root, 'build/linux-arm64-gnu/rust/multicore_rust.node'),
};
const x64 = { cpp: join(root, 'build/cpp/Release/multicore_cpp.node'), rust: join(root, 'build/rust/multicore_rust.node') };
const qemu = spawnSync('qemu-aarch64-static', ['--version']).status === 0;
const missing = [
  !qemu && 'qemu-aarch64-static',
  !existsSync(join(sysroot, 'usr/bin/node')) && `${sysroot} (run scripts/arm64-node.sh)`,
  !existsSync(arm64.cpp) && 'the arm64 build (node scripts/build-native.mjs --target linux-arm64-gnu)',
].filter(Boolean);

function run(node: string[], file: string): Record<string, unknown> {
  const out = execFileSync(node[0], [...node.slice(1), digest, file, '3'], { encoding: 'utf8', timeout: 120_000 });
  const { arch, node: _v, simd: _s, ...results } = JSON.parse(out);
  return { arch, results };
}

for (const name of ['cpp', 'rust'] as const) {
  // Locally a missing piece skips (and says which); with CI=true it fails, as for the other native tests.
  const skip = missing.length && !isCI ? `missing: ${missing.join(', ')}` : false;
  test(`the linux-arm64-gnu ${name} addon loads under qemu and matches x64 bit for bit`, { skip }, () => {
    assert.deepEqual(missing, [], 'needed for this test');
    const ref = run([process.execPath], x64[name]);
    const got = run(['qemu-aarch64-static', '-L', sysroot, join(sysroot, 'usr/bin/node')], arm64[name]);
    assert.equal(got.arch, 'arm64');
    assert.deepEqual(got.results, ref.results);
  });
}
