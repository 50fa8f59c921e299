// Runs one example the way a reader would (`node examples/<name>`), from the repository root,
// and hands back its exit code and output for the test to assert on.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export { isCI } from '../helpers/ci.js';

export interface ExampleRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout split into lines, trailing empty line dropped. */
  lines: string[];
}

export async function runExample(file: string, opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<ExampleRun> {
  const child = spawn(process.execPath, [join(root, 'examples', file)], {
    cwd: root,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  const lines = stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return { code, signal, stdout, stderr, lines };
}

/** Fails with the example's whole output when it did not exit 0, so a broken example is easy to read. */
export function explain(run: ExampleRun): string {
  return `exit ${run.code ?? run.signal}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** The first number on the first line that starts with `label` (e.g. "sequential   998 ms"), or NaN. */
export function numberAfter(lines: string[], label: string): number {
  const line = lines.find((l) => l.trimStart().startsWith(label));
  if (!line) return NaN;
  const m = line
    .trimStart()
    .slice(label.length)
    .match(/-?[\d,]+(\.\d+)?/);
  return m ? Number(m[0].replace(/,/g, '')) : NaN;
}
