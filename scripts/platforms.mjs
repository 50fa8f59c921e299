// The platforms multicore publishes prebuilt addons for (napi-rs naming: os-cpu[-abi]). Each has a
// package @multicore-js/multicore-<name> (template under npm/<name>/) holding both .node files.
// src/native/platform.ts computes the same name at run time.
import { readFileSync } from 'node:fs';

export const SCOPE_PREFIX = '@multicore-js/multicore-';

export const PLATFORMS = {
  'linux-x64-gnu': { os: 'linux', cpu: 'x64', libc: 'glibc', rust: 'x86_64-unknown-linux-gnu' },
  'linux-arm64-gnu': {
    os: 'linux',
    cpu: 'arm64',
    libc: 'glibc',
    rust: 'aarch64-unknown-linux-gnu',
    // Debian's cross compilers (gcc-aarch64-linux-gnu, g++-aarch64-linux-gnu).
    cross: { cc: 'aarch64-linux-gnu-gcc', cxx: 'aarch64-linux-gnu-g++', processor: 'aarch64' },
  },
  'linux-x64-musl': { os: 'linux', cpu: 'x64', libc: 'musl', rust: 'x86_64-unknown-linux-musl' },
  'darwin-arm64': { os: 'darwin', cpu: 'arm64', rust: 'aarch64-apple-darwin' },
  'darwin-x64': { os: 'darwin', cpu: 'x64', rust: 'x86_64-apple-darwin' },
  'win32-x64-msvc': { os: 'win32', cpu: 'x64', rust: 'x86_64-pc-windows-msvc' },
};

function isMusl() {
  try {
    return readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    const header = process.report?.getReport?.().header;
    return !header?.glibcVersionRuntime;
  }
}

/** This machine's platform name, e.g. linux-x64-gnu. */
export function hostPlatform() {
  const { platform, arch } = process;
  if (platform === 'linux') return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

/** Where a build for `platform` lands inside build/: the host build keeps the historic paths. */
export function buildPaths(platform, host = hostPlatform()) {
  const base = platform === host ? 'build' : `build/${platform}`;
  return {
    cppDir: `${base}/cpp`,
    cpp: `${base}/cpp/Release/multicore_cpp.node`,
    rustDir: `${base}/rust`,
    rust: `${base}/rust/multicore_rust.node`,
  };
}
