// `multicore <command>`: a thin dispatcher. Each command lives in its own module and exports
// `run(argv): Promise<number>` returning the exit code (2 for bad arguments).
import { packageVersion } from '../util/package-version.js';
import { UsageError } from './usage-error.js';

const commands: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  info: { summary: 'cores, SIMD and the available backends (and why one is missing)', load: () => import('./info.js') },
  bench: { summary: 'every strategy side by side on CPU, I/O, dispatch and distributed workloads', load: () => import('./bench.js') },
  build: { summary: 'compile the native backends from source (cmake + C++17 compiler, cargo)', load: () => import('./build.js') },
  compile: { summary: 'AssemblyScript → a user-kernel .wasm for defineKernel (needs assemblyscript)', load: () => import('./compile.js') },
  worker: { summary: 'serve a DistributedExecutor queue (BullMQ on Redis)', load: () => import('./worker.js') },
};

export function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: multicore <command> [options]\n       multicore --version\n\ncommands:\n${lines.join('\n')}\n\nRun \`multicore <command> --help\` for a command's options.`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    console.log(packageVersion);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`multicore: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`multicore ${name}: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
