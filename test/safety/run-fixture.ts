// Runs a safety fixture (test/fixtures/safety/*.mjs) in its own Node process, so that a crash
// (SIGSEGV, abort) or a hang fails the test with a clear message instead of taking the test
// runner down. The fixture prints one line "RESULT {json}" when everything it checked held.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const fixtures = fileURLToPath(new URL('../fixtures/safety/', import.meta.url));

export interface FixtureRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  result?: Record<string, unknown>;
}

export function runFixture(
  name: string,
  args: string[] = [],
  { timeoutMs = 120_000, env = {}, nodeArgs = [] }: { timeoutMs?: number; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<FixtureRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, join(fixtures, name), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const tail = (s: string) => s.split('\n').slice(-40).join('\n');
      if (hung)
        return reject(new Error(`HANG: ${name} ${args.join(' ')} did not finish within ${timeoutMs} ms\n${tail(stderr)}\n${tail(stdout)}`));
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      const run: FixtureRun = { code, signal, stdout, stderr, result: line ? JSON.parse(line.slice(7)) : undefined };
      if (signal || code !== 0 || !run.result) {
        const how = signal ? `CRASHED with ${signal}` : code !== 0 ? `failed (exit code ${code})` : 'printed no RESULT line';
        return reject(new Error(`${name} ${args.join(' ')} ${how}\n--- stderr ---\n${tail(stderr)}\n--- stdout ---\n${tail(stdout)}`));
      }
      resolve(run);
    });
  });
}
