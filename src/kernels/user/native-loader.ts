// The native form lives in native-form.ts (a shared library on the C++ pool). It is imported on
// first use, by a computed specifier: a build without that module still defines and runs the other
// forms, and reports the native one unavailable with the reason.
import type { FormRequest, FormResult, NativeKernelSource } from './types.js';

export interface NativeFormModule {
  runNativeForm(source: NativeKernelSource, req: FormRequest): FormResult;
  /** Optional: why the native form cannot run on this machine (no C++ addon, say), or undefined. */
  nativeFormUnavailable?(): string | undefined;
}

let loaded: Promise<NativeFormModule | { reason: string }> | undefined;

export function loadNativeForm(): Promise<NativeFormModule | { reason: string }> {
  const specifier = './native-form.js';
  loaded ??= (import(specifier) as Promise<Partial<NativeFormModule>>).then(
    (m) => (typeof m.runNativeForm === 'function' ? (m as NativeFormModule) : { reason: 'native-form.js exports no runNativeForm' }),
    (err: { code?: string; message?: string }) => ({
      reason:
        err?.code === 'ERR_MODULE_NOT_FOUND'
          ? 'this build of multicore has no native form for user kernels (native-form.js is missing)'
          : `the native form could not be loaded: ${err?.message ?? String(err)}`,
    }),
  );
  return loaded;
}

export function nativeSource(native: unknown): NativeKernelSource {
  if (typeof native === 'string') {
    if (native === '') throw new TypeError('native must be a non-empty shared library path, or { path, symbol? }');
    return { path: native };
  }
  if (typeof native !== 'object' || native === null) throw new TypeError('native must be a shared library path, or { path, symbol? }');
  const { path, symbol } = native as NativeKernelSource;
  if (typeof path !== 'string' || path === '') throw new TypeError('native.path must be a non-empty string (the shared library)');
  if (symbol !== undefined && (typeof symbol !== 'string' || symbol === ''))
    throw new TypeError('native.symbol must be a non-empty string');
  return symbol === undefined ? { path } : { path, symbol };
}
