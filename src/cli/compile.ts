// `multicore compile kernel.ts [-o out.wasm]`: AssemblyScript → a user-kernel .wasm ("Cython for
// TypeScript"). It runs the asc compiler of the `assemblyscript` package (an optional peer
// dependency) with the flags a kernel needs, and prints the asc line so it can be run by hand:
//   --importMemory --sharedMemory --maximumMemory N  the memory is env.memory, shared by every thread
//   --runtime stub      no garbage collector: a kernel must not allocate (its arrays are arguments)
//   --enable threads --enable simd   atomics and shared memory; SIMD128 (f64x2, v128.load, …)
//   -O3                 optimise for speed
// Arrays passed to the kernel live above the module's declared initial memory (see
// src/kernels/user/README.md), so nothing here reserves room for them.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { UsageError } from './usage-error.js';

/** 4 GiB: all a wasm32 memory can address. A shared memory reserves its maximum, in address space only. */
export const DEFAULT_MAXIMUM_PAGES = 65536;

const USAGE = `usage: multicore compile kernel.ts [more.ts …] [-o out.wasm] [--maximum-memory PAGES] [--debug] [--quiet] [-- asc options…]

Compiles AssemblyScript kernels to a .wasm for defineKernel({ wasm }). Needs the assemblyscript
package (npm install --save-dev assemblyscript). Each exported function is a chunk function:
  export function name(start: i32, end: i32, x: usize /* an array's byte offset */, k: f64): f64 { … }
Default output: the first input with .wasm. Options after -- go to asc as they are.`;

export interface CompileOptions {
  output?: string;
  maximumPages?: number;
  debug?: boolean;
  extra?: string[];
}

/** The asc arguments for these inputs (what `multicore compile` runs, and prints). */
export function ascArgs(inputs: string[], o: CompileOptions = {}): string[] {
  const output = o.output ?? join(dirname(inputs[0]), `${basename(inputs[0], extname(inputs[0]))}.wasm`);
  return [
    ...inputs,
    '-o',
    output,
    ...(o.debug ? ['--debug'] : ['-O3']),
    '--runtime',
    'stub',
    '--importMemory',
    '--sharedMemory',
    '--maximumMemory',
    String(o.maximumPages ?? DEFAULT_MAXIMUM_PAGES),
    '--enable',
    'threads',
    '--enable',
    'simd',
    ...(o.extra ?? []),
  ];
}

interface Asc {
  main(argv: string[], options?: { stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream }): Promise<{ error: Error | null }>;
}

async function loadAsc(): Promise<Asc> {
  const specifier = 'assemblyscript/asc';
  try {
    return (await import(specifier)).default as Asc;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw new UsageError(
        'the assemblyscript package is not installed: npm install --save-dev assemblyscript (it provides asc, the compiler)',
      );
    }
    throw err;
  }
}

/** Compiles; resolves with the asc arguments used, rejects with asc's error. */
export async function compileKernel(inputs: string[], o: CompileOptions = {}, quiet = false): Promise<string[]> {
  const args = ascArgs(inputs, o);
  const asc = await loadAsc();
  if (!quiet) console.log(`asc ${args.join(' ')}`);
  const result = await asc.main(args, { stdout: process.stdout, stderr: process.stderr });
  if (result.error) throw new Error(`asc failed: ${result.error.message}`);
  return args;
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(0, dash) : argv;
  const o: CompileOptions = { extra: dash >= 0 ? argv.slice(dash + 1) : [] };
  const inputs: string[] = [];
  let quiet = false;
  for (let i = 0; i < own.length; i++) {
    const a = own[i];
    if (a === '-o' || a === '--out') {
      o.output = own[++i];
      if (!o.output) throw new UsageError(`${a} needs a file name`);
    } else if (a === '--maximum-memory') {
      const v = Number(own[++i]);
      if (!Number.isInteger(v) || v < 1 || v > DEFAULT_MAXIMUM_PAGES)
        throw new UsageError(`--maximum-memory must be a page count in 1..${DEFAULT_MAXIMUM_PAGES} (64 KiB pages)`);
      o.maximumPages = v;
    } else if (a === '--debug') o.debug = true;
    else if (a === '--quiet') quiet = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}' (asc options go after --)\n\n${USAGE}`);
    else inputs.push(a);
  }
  if (inputs.length === 0) throw new UsageError(`no input file\n\n${USAGE}`);
  for (const f of inputs) if (!existsSync(f)) throw new UsageError(`no such file: ${f}`);
  try {
    const args = await compileKernel(inputs, o, quiet);
    if (!quiet) console.log(`wrote ${args[args.indexOf('-o') + 1]}`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    console.error(`multicore compile: ${(err as Error).message}`);
    return 1;
  }
}
