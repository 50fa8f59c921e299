// This machine's platform name in the napi-rs convention (linux-x64-gnu, darwin-arm64,
// win32-x64-msvc…): the suffix of the prebuilt package that fits it. scripts/platforms.mjs
// lists the platforms that are published.
import { readFileSync } from 'node:fs';

export const PLATFORM_PACKAGE_PREFIX = '@multicore-js/multicore-';

function isMusl(): boolean {
  try {
    return readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    return !report?.header?.glibcVersionRuntime;
  }
}

let cached: string | undefined;

export function platformName(): string {
  if (cached) return cached;
  const { platform, arch } = process;
  if (platform === 'linux') cached = `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  else if (platform === 'win32') cached = `win32-${arch}-msvc`;
  else cached = `${platform}-${arch}`;
  return cached;
}

export function platformPackage(): string {
  return PLATFORM_PACKAGE_PREFIX + platformName();
}
