// Loads a raw native addon (not through the TS layer) for the binding tests, or says why it cannot.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';

const files = {
  cpp: { path: '../../build/cpp/Release/multicore_cpp.node', label: 'C++' },
  rust: { path: '../../build/rust/multicore_rust.node', label: 'Rust' },
} as const;

export function loadRawAddon(name: keyof typeof files): { addon: any; skip: string | undefined; addonPath: URL } {
  const { path, label } = files[name];
  const addonPath = new URL(path, import.meta.url);
  let skip: string | undefined;
  try {
    const status = JSON.parse(readFileSync(new URL('../../build/native-status.json', import.meta.url), 'utf8'));
    if (status[name] && !status[name].built) skip = `${label} backend unavailable: ${status[name].reason}`;
  } catch {}
  if (!skip && !existsSync(addonPath)) skip = `${label} backend not built (${path.slice(6)} missing)`;
  return { addon: skip ? undefined : createRequire(import.meta.url)(addonPath.pathname), skip, addonPath };
}
