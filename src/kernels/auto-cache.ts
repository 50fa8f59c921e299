// Optional on-disk memory of what 'auto' measured, so a new process need not measure again.
// Off unless MULTICORE_AUTO_CACHE is set: to 1 (the OS cache dir) or to a directory. The file is
// keyed by everything that changes the answer: CPU model, each native backend's SIMD level and
// version, the available backends, the package and Node versions.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, homedir } from 'node:os';
import { join } from 'node:path';
import { packageVersion } from '../util/package-version.js';

export interface CachedDecision {
  backend: string;
  work: number;
  jsWork?: number;
  threads: number;
  /** Times per candidate label (`rust`, `rust×1`). */
  ms: Record<string, number>;
  /** 'calls': settled on real calls (auto-race.ts); absent: a probe. */
  source?: 'probe' | 'calls';
  reason?: string;
}

function osCacheDir(): string {
  if (process.env.XDG_CACHE_HOME) return process.env.XDG_CACHE_HOME;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches');
  if (process.platform === 'win32') return process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  return join(homedir(), '.cache');
}

/** The cache directory, or undefined when the disk cache is off (the default). */
export function cacheDir(): string | undefined {
  const v = process.env.MULTICORE_AUTO_CACHE;
  if (!v || v === '0' || v === 'off') return undefined;
  return v === '1' || v === 'on' ? join(osCacheDir(), 'multicore') : v;
}

export class DiskCache {
  private entries: Record<string, CachedDecision> | undefined;
  private readonly file: string | undefined;

  /** `identity`: what the machine's backends are (SIMD levels, versions, which are available). */
  constructor(identity: Record<string, string>) {
    const dir = cacheDir();
    if (!dir) return;
    const key = JSON.stringify({ cpu: cpus()[0]?.model ?? 'unknown', multicore: packageVersion, node: process.versions.node, ...identity });
    this.file = join(dir, `auto-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.json`);
  }

  get path(): string | undefined {
    return this.file;
  }

  get(key: string): CachedDecision | undefined {
    if (!this.file) return undefined;
    if (!this.entries) {
      try {
        this.entries = JSON.parse(readFileSync(this.file, 'utf8')).entries ?? {};
      } catch {
        this.entries = {};
      }
    }
    return this.entries![key];
  }

  set(key: string, d: CachedDecision): void {
    if (!this.file) return;
    this.get(key);
    this.entries![key] = d;
    try {
      mkdirSync(join(this.file, '..'), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ entries: this.entries }, null, 1));
      renameSync(tmp, this.file); // atomic: a concurrent reader sees the old file or the new one
    } catch {
      // A read-only or full disk only costs a new measurement next time.
    }
  }
}
