// `multicore build`: compiles the native backends from source inside the installed package (or this
// repository), for a platform without a prebuild or to build with the local compiler. The build tools
// (cmake-js, node-addon-api, @napi-rs/cli) are used from wherever Node finds them from the package (the
// app's node_modules or the package's own); missing ones are fetched with npm into build/tools/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './usage-error.js';

const USAGE = 'usage: multicore build [cpp] [rust] [--no-fetch]';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOOLS = ['cmake-js', 'node-addon-api', '@napi-rs/cli'] as const;
const NEEDS: Record<'cpp' | 'rust', { tools: (typeof TOOLS)[number][]; command: string; hint: string }> = {
  cpp: { tools: ['cmake-js', 'node-addon-api'], command: 'cmake', hint: 'install cmake and a C++17 compiler' },
  rust: { tools: ['@napi-rs/cli'], command: 'cargo', hint: 'install Rust from https://rustup.rs' },
};

function resolvable(pkg: string, from: string): boolean {
  try {
    createRequire(join(from, 'package.json')).resolve(`${pkg}/package.json`);
    return true;
  } catch {
    return false;
  }
}

const onPath = (cmd: string) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(
      `${USAGE}\n\nCompiles the C++ backend (cmake + a C++17 compiler) and the Rust backend (cargo) from the\n` +
        'sources shipped in the package, into its build/ folder. Build tools missing from your app are fetched\n' +
        'with npm into build/tools/ (--no-fetch: fail instead and say what to install).',
    );
    return 0;
  }
  const fetch = !argv.includes('--no-fetch');
  const names = argv.filter((a) => a !== '--no-fetch');
  for (const n of names) if (n !== 'cpp' && n !== 'rust') throw new UsageError(`unknown argument '${n}' (${USAGE})`);
  const wanted = (names.length ? names : ['cpp', 'rust']) as ('cpp' | 'rust')[];
  const script = join(root, 'scripts', 'build-native.mjs');
  if (!existsSync(script)) {
    console.error(`multicore build: ${script} is missing: this copy of the package cannot build from source`);
    return 1;
  }

  const buildable = wanted.filter((b) => {
    if (onPath(NEEDS[b].command)) return true;
    console.error(
      `multicore build: ${b}: ${NEEDS[b].command} not found on PATH (${NEEDS[b].hint}, then run \`npx multicore build\` again)`,
    );
    return false;
  });
  if (buildable.length === 0) return 1;

  const toolsDir = join(root, 'build', 'tools');
  const missing = [...new Set(buildable.flatMap((b) => NEEDS[b].tools))].filter((t) => !resolvable(t, root) && !resolvable(t, toolsDir));
  if (missing.length) {
    const devDeps: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies ?? {};
    const specs = missing.map((t) => (devDeps[t] ? `${t}@${devDeps[t]}` : t));
    if (!fetch) {
      console.error(
        `multicore build: not installed: ${missing.join(', ')}; run \`npm install --save-dev ${missing.join(' ')}\` and then \`npx multicore build\``,
      );
      return 1;
    }
    console.log(
      `[multicore] ${missing.join(', ')} not found in your app: fetching ${specs.join(' ')} into ${toolsDir}\n` +
        `[multicore] (to use your own instead: npm install --save-dev ${missing.join(' ')})`,
    );
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', toolsDir, ...specs], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (r.status !== 0) {
      console.error(
        `multicore build: could not fetch the build tools (npm exited with ${r.status ?? r.signal}); ` +
          `install them in your app with \`npm install --save-dev ${missing.join(' ')}\` and run \`npx multicore build\` again`,
      );
      return 1;
    }
  }

  const r = spawnSync(process.execPath, [script, ...buildable], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MULTICORE_TOOLS_DIR: toolsDir },
  });
  if (r.status !== 0) return r.status ?? 1;
  const status = JSON.parse(readFileSync(join(root, 'build', 'native-status.json'), 'utf8')) as Record<string, { built: boolean }>;
  const failed = buildable.filter((b) => !status[b]?.built);
  if (failed.length === 0) {
    console.log(
      '[multicore] built. `npx multicore info` shows which file each backend loads ' +
        '(an installed prebuilt platform package comes first; the build in build/ is used when none loads).',
    );
  }
  return failed.length || buildable.length < wanted.length ? 1 : 0;
}
