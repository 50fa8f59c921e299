// The native form of a user kernel: a shared library built against include/multicore_kernel.h,
// loaded by path and run chunk by chunk on the C++ addon's pool (native/cpp/kernels/user_kernel.*).
// Arrays reach the chunk function without a copy; abort and progress go through the control block
// like the built-in kernels'. A crash inside the user's library ends the process (it is native code
// in this process, as with any addon): see docs/guide/write-your-own-kernel.md.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNative, type NativeAddon } from '../../native/load.js';
import { withControl } from '../control.js';
import { pinForNative } from '../pin.js';
import { UserKernelError } from './errors.js';
import type { FormRequest, FormResult, NativeKernelSource } from './types.js';

type UserKernelAddon = NativeAddon & Required<Pick<NativeAddon, 'runUserKernel'>>;

/** The C++ addon when it can run native user kernels, else why not. */
export function nativeFormSupport(): { addon: UserKernelAddon } | { reason: string } {
  const loaded = loadNative('cpp');
  if (!loaded.addon) {
    return {
      reason:
        `native user kernels run on the C++ addon (multicore_cpp.node), which is not available here ` +
        `(${loaded.reason}); the WebAssembly fallback cannot load shared libraries: use the kernel's wasm or js form`,
    };
  }
  if (typeof loaded.addon.runUserKernel !== 'function') {
    return {
      reason: `the C++ addon loaded from ${loaded.from ?? loaded.file} predates native user kernels; rebuild it with \`npx multicore build\``,
    };
  }
  return { addon: loaded.addon as UserKernelAddon };
}

/** Why the native form cannot run here, or undefined when it can. */
export function nativeFormUnavailable(): string | undefined {
  const s = nativeFormSupport();
  return 'reason' in s ? s.reason : undefined;
}

/** The absolute path of the library a NativeKernelSource names (a path relative to the working directory, or a file: URL). */
export function libraryPath(source: NativeKernelSource): string {
  const p = source.path.startsWith('file:') ? fileURLToPath(source.path) : source.path;
  return isAbsolute(p) ? p : resolve(p);
}

export function runNativeForm(source: NativeKernelSource, req: FormRequest): FormResult {
  const fail = (message: string, options?: { cause?: unknown; status?: number }) =>
    Promise.reject(new UserKernelError(req.name, 'native', message, options));
  const support = nativeFormSupport();
  if ('reason' in support) return fail(support.reason);
  const path = libraryPath(source);
  if (!existsSync(path)) return fail(`the library ${path} does not exist (build it first: see the guide "Write your own kernel")`);
  const symbol = source.symbol ?? req.name;

  const chunks = Math.ceil(req.length / req.chunkSize);
  const partials = req.reduce ? new Float64Array(chunks) : null;
  const failure = new Float64Array([0, -1]); // {status, chunk} of the first failing chunk
  const args = [...req.args];
  for (const a of args) if (typeof a !== 'number') pinForNative(a);

  const options = { backend: 'cpp' as const, threads: req.threads, signal: req.signal, onProgress: req.onProgress };
  return withControl(options, (control) => {
    try {
      return support.addon.runUserKernel(path, symbol, req.length, req.chunkSize, args, partials, failure, req.threads, control);
    } catch (err) {
      // Bad arguments are the caller's TypeError/RangeError; anything else is the library failing to load.
      if (err instanceof TypeError || err instanceof RangeError) throw err;
      throw new UserKernelError(req.name, 'native', (err as Error).message, { cause: err });
    }
  }).then(
    () => partials ?? undefined,
    (err: unknown) => {
      if (failure[0] !== 0) {
        const c = failure[1];
        const start = c * req.chunkSize;
        throw new UserKernelError(
          req.name,
          'native',
          `chunk ${c} [${start}, ${Math.min(req.length, start + req.chunkSize)}) returned status ${failure[0]}`,
          { status: failure[0], cause: err },
        );
      }
      throw err;
    },
  );
}
