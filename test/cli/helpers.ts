// Runs the real CLI (`bin/multicore.js`, compiled dist/) in a child process.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bin = join(root, 'bin', 'multicore.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `o.script`: another entry than bin/multicore.js (e.g. test/fixtures/cli/bench-inject.mjs), given `args` as they are. */
export function runCli(args: string[], o: { env?: Record<string, string>; timeoutMs?: number; script?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [o.script ?? bin, ...args], { cwd: root, env: { ...process.env, ...o.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`multicore ${args.join(' ')} did not finish within ${o.timeoutMs} ms\n${stderr}`));
    }, o.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** `multicore bench` with deliberately wrong rows (test/fixtures/cli/bench-inject.mjs): mode, then the bench arguments. */
export const benchInject = join(root, 'test', 'fixtures', 'cli', 'bench-inject.mjs');

export const tempDir = () => mkdtempSync(join(tmpdir(), 'multicore-bench-test-'));
