// Helpers for the packaging tests: pack once per test run, make fresh apps, install tarballs into them
// with a PATH that has node, npm and npx but no compiler, and run commands there.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, readFileSync, existsSync, realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
export const COMPILERS = ['cmake', 'cargo', 'rustc', 'cc', 'c++', 'gcc', 'g++', 'clang', 'clang++', 'make', 'ninja'];

export interface Tarball {
  platform: string | null;
  name: string;
  file: string;
  size: number;
  entries: number;
}

/** A bin folder with node, npm, npx (and sh, which npm runs scripts with) and nothing else. */
export function compilerFreeBin(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const npm = realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
  const npmBin = dirname(npm);
  symlinkSync(process.execPath, join(bin, 'node'));
  symlinkSync(npm, join(bin, 'npm'));
  symlinkSync(join(npmBin, 'npx-cli.js'), join(bin, 'npx'));
  symlinkSync('/bin/sh', join(bin, 'sh'));
  return bin;
}

/** Runs the packaging command once; MULTICORE_PACKAGE_DIR reuses tarballs made earlier. */
export function packageOnce(): { dir: string; tarballs: Tarball[]; created: boolean } {
  let dir = process.env.MULTICORE_PACKAGE_DIR;
  const created = !dir;
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'multicore-tarballs-'));
    execFileSync(process.execPath, [join(root, 'scripts/package.mjs'), '--out', dir], { cwd: root, stdio: 'pipe', timeout: 240_000 });
  }
  return { dir, created, tarballs: JSON.parse(readFileSync(join(dir, 'packages.json'), 'utf8')) };
}

/**
 * Answers 404 to every request: the app's .npmrc points the @multicore-js scope here, so npm can never
 * fetch one of our packages over the network (the other platforms' optional packages fail fast and are skipped).
 */
export async function scopeRegistry(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(decodeURIComponent(req.url ?? ''));
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function run(cmd: string, args: string[], opts: { dir: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  if (!opts.dir) throw new Error('run: no app folder given');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.dir, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** A fresh app folder with a package.json, an .npmrc for the scope, and the compiler-free PATH. */
export function freshApp(base: string, name: string, registry: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }, null, 2));
  writeFileSync(join(dir, '.npmrc'), `@multicore-js:registry=${registry}\naudit=false\nfund=false\nupdate-notifier=false\n`);
  const bin = existsSync(join(base, 'bin')) ? join(base, 'bin') : compilerFreeBin(base);
  const env: NodeJS.ProcessEnv = {
    PATH: bin,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    npm_config_cache: process.env.npm_config_cache,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return { dir, env };
}
